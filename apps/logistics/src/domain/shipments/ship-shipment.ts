import { Conflict } from '@fruitables/core';
import { type CarrierId, shipments } from '@fruitables/schema-logistics';
import { and, eq, ne } from 'drizzle-orm';
import type { DomainContext, LogisticsDb } from '../context.ts';
import { shipmentNotFound } from '../errors.ts';
import { recordStatus, type ShipmentRow } from './record-status.ts';
import { CARRIER_NAMES } from './shipment-status.ts';

export interface ShipRequest {
  carrierId: CarrierId;
  trackingNumber: string;
}

export const trackingNumberTaken = (trackingNumber: string) => {
  const message = `송장번호 ${trackingNumber}은(는) 이미 다른 배송에 등록되어 있어요.`;
  return new Conflict(message, 'tracking_number_taken', [{ field: 'trackingNumber', message }]);
};

const notShippable = (status: string) =>
  new Conflict(
    `${status === 'cancelled' ? '취소된' : '이미 보낸'} 배송이라 송장을 등록할 수 없어요. This shipment is ${status}.`,
    'shipment_not_shippable',
  );

/**
 * The farmer handed the boxes to the courier: the shipment gets its 송장번호, moves to
 * `at_pickup`, and tracking starts polling. Sending the same carrier and number again is a
 * no-op; a number already on another shipment is refused.
 */
export async function shipLocked(tx: LogisticsDb, shipment: ShipmentRow, request: ShipRequest, now: Date) {
  if (shipment.carrierId === request.carrierId && shipment.trackingNumber === request.trackingNumber) return shipment;
  if (shipment.status !== 'booked') throw notShippable(shipment.status);
  const [taken] = await tx
    .select({ id: shipments.id })
    .from(shipments)
    .where(
      and(
        eq(shipments.carrierId, request.carrierId),
        eq(shipments.trackingNumber, request.trackingNumber),
        ne(shipments.id, shipment.id),
      ),
    );
  if (taken) throw trackingNumberTaken(request.trackingNumber);
  const [withNumber] = await tx
    .update(shipments)
    .set({ ...request, nextPollAt: now, pollFailures: 0, updatedAt: now })
    .where(eq(shipments.id, shipment.id))
    .returning();
  if (!withNumber) throw shipmentNotFound();
  const { shipment: shipped } = await recordStatus(
    tx,
    withNumber,
    {
      status: 'at_pickup',
      description: `농장에서 ${CARRIER_NAMES[request.carrierId]}에 보냈어요 (송장번호 ${request.trackingNumber}).`,
      location: null,
      occurredAt: now,
    },
    now,
  );
  return shipped;
}

export async function lockFarmShipment(tx: LogisticsDb, farmId: string, shipmentId: string): Promise<ShipmentRow> {
  const [shipment] = await tx
    .select()
    .from(shipments)
    .where(and(eq(shipments.id, shipmentId), eq(shipments.farmId, farmId)))
    .for('update');
  if (!shipment) throw shipmentNotFound();
  return shipment;
}

export async function shipShipment(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  farmId: string,
  shipmentId: string,
  request: ShipRequest,
): Promise<ShipmentRow> {
  return ctx.db.transaction(async (tx) => {
    const shipment = await lockFarmShipment(tx, farmId, shipmentId);
    return shipLocked(tx, shipment, request, ctx.clock.now());
  });
}
