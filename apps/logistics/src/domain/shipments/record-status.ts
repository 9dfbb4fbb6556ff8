import { newId } from '@fruitables/core';
import { type ShipmentStatus, shipmentEvents, shipments } from '@fruitables/schema-logistics';
import { eq } from 'drizzle-orm';
import type { LogisticsDb } from '../context.ts';
import { publishLogisticsEvent } from '../events.ts';
import { advances } from './shipment-status.ts';

export type ShipmentRow = typeof shipments.$inferSelect;

export interface StatusReport {
  status: ShipmentStatus;
  /** The courier's event in Korean. */
  description: string;
  location: string | null;
  occurredAt: Date;
}

/**
 * Records one status report on a locked shipment: the event once (a report seen again by a
 * re-poll or a webhook is a no-op), and when it moves the shipment forward the new status,
 * ShipmentStatusChanged and, on delivery, ShipmentDelivered (on time or not). Returns
 * whether anything was new.
 */
export async function recordStatus(
  tx: LogisticsDb,
  shipment: ShipmentRow,
  report: StatusReport,
  now: Date,
): Promise<{ recorded: boolean; shipment: ShipmentRow }> {
  const inserted = await tx
    .insert(shipmentEvents)
    .values({ id: newId(), shipmentId: shipment.id, ...report, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: shipmentEvents.id });
  if (inserted.length === 0) return { recorded: false, shipment };
  if (!advances(shipment.status, report.status)) {
    // A late event (an older scan arriving after a newer one) joins the timeline only.
    await tx.update(shipments).set({ updatedAt: now }).where(eq(shipments.id, shipment.id));
    return { recorded: true, shipment: { ...shipment, updatedAt: now } };
  }
  const delivered = report.status === 'delivered';
  const [updated] = await tx
    .update(shipments)
    .set({
      status: report.status,
      updatedAt: now,
      ...(delivered ? { deliveredAt: report.occurredAt, nextPollAt: null } : {}),
    })
    .where(eq(shipments.id, shipment.id))
    .returning();
  const ref = {
    shipmentId: shipment.id,
    bookingId: shipment.bookingId,
    orderId: shipment.orderId,
    fulfilmentId: shipment.fulfilmentId,
    farmId: shipment.farmId,
  };
  await publishLogisticsEvent(tx, {
    type: 'ShipmentStatusChanged',
    aggregateId: shipment.id,
    occurredAt: now,
    data: {
      ...ref,
      previousStatus: shipment.status,
      status: report.status,
      carrierId: shipment.carrierId,
      trackingNumber: shipment.trackingNumber,
      description: report.description,
      occurredAt: report.occurredAt.toISOString(),
    },
  });
  if (delivered) {
    await publishLogisticsEvent(tx, {
      type: 'ShipmentDelivered',
      aggregateId: shipment.id,
      occurredAt: now,
      data: {
        ...ref,
        deliveredAt: report.occurredAt.toISOString(),
        onTime: report.occurredAt.getTime() <= shipment.promisedBy.getTime(),
      },
    });
  }
  return { recorded: true, shipment: updated ?? shipment };
}
