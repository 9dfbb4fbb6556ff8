import { NotFound } from '@fruitables/core';
import type { PlatformEvent } from '@fruitables/events';
import { bookings, type ShipmentStatus, shipments } from '@fruitables/schema-logistics';
import { and, eq, isNull } from 'drizzle-orm';
import { lockBooking } from './bookings/booking-views.ts';
import { releaseLocked, unbook } from './bookings/settle-booking.ts';
import type { LogisticsDb } from './context.ts';
import { publishLogisticsEvent } from './events.ts';

/*
 * logistics' view of orders. Each handler runs in the consumer's transaction with the inbox
 * row, so its effect happens once per event; each is also harmless when run on a state it
 * already produced (events from one stream may be redelivered, never reordered per order).
 */

/** OrderPaid: what is in each fulfilment's boxes, for the packing list and the labels. */
export async function applyOrderPaid(tx: LogisticsDb, event: PlatformEvent<'OrderPaid'>): Promise<void> {
  for (const fulfilment of event.data.fulfilments) {
    const updated = await tx
      .update(bookings)
      .set({
        contents: {
          orderNumber: event.data.orderNumber,
          lines: fulfilment.lines.map((line) => ({
            lineId: line.lineId,
            productId: line.productId,
            title: line.title,
            quantity: line.quantity,
            lots: line.lots,
          })),
        },
      })
      .where(eq(bookings.id, fulfilment.bookingId))
      .returning({ id: bookings.id });
    // The booking is made before the order exists, so a missing one is worth retrying (and
    // then dead-lettering) rather than skipping: labels would print without contents.
    if (updated.length === 0) {
      throw new NotFound(`No booking ${fulfilment.bookingId} for order ${event.data.orderId}.`, 'booking_not_found');
    }
  }
}

/**
 * FulfilmentContentsChanged: a paid fulfilment's boxes hold something else now (a substitute
 * line, lines cancelled, a shortage). The event carries the whole new content, so it replaces
 * what OrderPaid stored; the packing list and the labels print it. Events of one order arrive
 * in order on orders' stream, so OrderPaid has always been applied first.
 */
export async function applyFulfilmentContentsChanged(
  tx: LogisticsDb,
  event: PlatformEvent<'FulfilmentContentsChanged'>,
): Promise<void> {
  await tx
    .update(bookings)
    .set({
      contents: {
        orderNumber: event.data.orderNumber,
        lines: event.data.lines.map((line) => ({
          lineId: line.lineId,
          productId: line.productId,
          title: line.title,
          quantity: line.quantity,
          lots: line.lots,
        })),
      },
    })
    .where(eq(bookings.id, event.data.bookingId));
}

/** Statuses a cancelled fulfilment's shipment can still leave: nothing has gone to the courier. */
const CANCELLABLE: readonly ShipmentStatus[] = ['booked', 'exception'];

async function cancelFulfilment(tx: LogisticsDb, bookingId: string, at: Date): Promise<void> {
  // A fulfilment cancelled before its booking was ever made (checkout undone) has nothing here.
  const [exists] = await tx.select({ id: bookings.id }).from(bookings).where(eq(bookings.id, bookingId));
  if (!exists) return;
  const booking = await lockBooking(tx, bookingId);
  if (booking.status === 'held') {
    await releaseLocked(tx, booking, 'released', at);
    return;
  }
  if (booking.status !== 'confirmed') return;
  const [shipment] = await tx.select().from(shipments).where(eq(shipments.bookingId, bookingId)).for('update');
  if (!shipment || !CANCELLABLE.includes(shipment.status)) return;
  await tx
    .update(shipments)
    .set({ status: 'cancelled', nextPollAt: null, updatedAt: at })
    .where(eq(shipments.id, shipment.id));
  // Still before pick-up: the farm's packing day and the hub's run get the places back.
  await tx.update(bookings).set({ status: 'released', settledAt: at }).where(eq(bookings.id, bookingId));
  await unbook(tx, booking);
  await publishLogisticsEvent(tx, {
    type: 'ShipmentStatusChanged',
    aggregateId: shipment.id,
    occurredAt: at,
    data: {
      shipmentId: shipment.id,
      bookingId,
      orderId: shipment.orderId,
      fulfilmentId: shipment.fulfilmentId,
      farmId: shipment.farmId,
      previousStatus: shipment.status,
      status: 'cancelled',
      carrierId: shipment.carrierId,
      trackingNumber: shipment.trackingNumber,
      description: '주문이 취소되어 배송을 취소했어요.',
      occurredAt: at.toISOString(),
    },
  });
}

/** FulfilmentStatusChanged: `cancelled` gives the date back or cancels the shipment; `preparing` marks packing started. */
export async function applyFulfilmentStatusChanged(
  tx: LogisticsDb,
  event: PlatformEvent<'FulfilmentStatusChanged'>,
): Promise<void> {
  const { bookingId, status, changedAt } = event.data;
  const at = new Date(changedAt);
  if (status === 'cancelled') {
    await cancelFulfilment(tx, bookingId, at);
    return;
  }
  if (status === 'preparing') {
    await tx
      .update(shipments)
      .set({ packingStartedAt: at, updatedAt: at })
      .where(and(eq(shipments.bookingId, bookingId), isNull(shipments.packingStartedAt)));
  }
}

/** OrderCancelled: an unpaid order's bookings still held go back (its paid ones follow their fulfilments). */
export async function applyOrderCancelled(tx: LogisticsDb, event: PlatformEvent<'OrderCancelled'>): Promise<void> {
  const held = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.orderId, event.data.orderId), eq(bookings.status, 'held')))
    .orderBy(bookings.id);
  const at = new Date(event.data.cancelledAt);
  for (const { id } of held) {
    const booking = await lockBooking(tx, id);
    if (booking.status === 'held') await releaseLocked(tx, booking, 'released', at);
  }
}
