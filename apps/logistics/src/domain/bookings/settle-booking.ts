import { Conflict, newId } from '@fruitables/core';
import { bookings, shipments } from '@fruitables/schema-logistics';
import { and, eq, sql } from 'drizzle-orm';
import type { DomainContext, LogisticsDb } from '../context.ts';
import { publishLogisticsEvent } from '../events.ts';
import { type BookingView, type LockedBooking, loadBooking, lockBooking } from './booking-views.ts';
import { unbookFarmDay, unbookHubDay, unbookMany } from './day-counters.ts';

/** Gives one booking's boxes back to its farm's day and its hub's run (farm first). */
export async function unbook(
  tx: LogisticsDb,
  booking: Pick<LockedBooking, 'farmId' | 'dispatchDate' | 'hubId' | 'deliveryDate' | 'boxes'>,
) {
  await unbookFarmDay(tx, booking.farmId, booking.dispatchDate, booking.boxes);
  if (booking.hubId !== null) await unbookHubDay(tx, booking.hubId, booking.deliveryDate, booking.boxes);
}

/** Makes the shipment of a confirmed booking and announces it (ShipmentCreated). */
async function createShipment(tx: LogisticsDb, booking: LockedBooking, now: Date): Promise<void> {
  const shipmentId = newId();
  await tx.insert(shipments).values({
    id: shipmentId,
    bookingId: booking.id,
    orderId: booking.orderId,
    fulfilmentId: booking.fulfilmentId,
    farmId: booking.farmId,
    shopperId: booking.shopperId,
    dispatchDate: booking.dispatchDate,
    deliveryDate: booking.deliveryDate,
    promisedBy: booking.promisedBy,
    createdAt: now,
    updatedAt: now,
  });
  await publishLogisticsEvent(tx, {
    type: 'ShipmentCreated',
    aggregateId: shipmentId,
    occurredAt: now,
    data: {
      shipmentId,
      bookingId: booking.id,
      orderId: booking.orderId,
      fulfilmentId: booking.fulfilmentId,
      farmId: booking.farmId,
      dispatchDate: booking.dispatchDate,
      deliveryDate: booking.deliveryDate,
      promisedBy: booking.promisedBy.toISOString(),
      createdAt: now.toISOString(),
    },
  });
}

/**
 * The order was paid: the booking is kept and becomes a shipment for its farm to pack.
 * Confirming twice is a no-op. A held booking past its TTL that the sweep has not reached
 * yet still counts in the counters, so it is confirmed rather than refused: the shopper paid.
 */
export async function confirmBooking(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  bookingId: string,
): Promise<BookingView> {
  return ctx.db.transaction(async (tx) => {
    const booking = await lockBooking(tx, bookingId);
    if (booking.status === 'confirmed') return loadBooking(tx, bookingId);
    if (booking.status !== 'held') {
      throw new Conflict(
        `이미 ${booking.status === 'expired' ? '만료된' : '취소된'} 예약이에요. This booking was already ${booking.status}.`,
        'booking_not_live',
      );
    }
    const now = ctx.clock.now();
    await tx.update(bookings).set({ status: 'confirmed', settledAt: now }).where(eq(bookings.id, bookingId));
    await createShipment(tx, booking, now);
    return loadBooking(tx, bookingId);
  });
}

/** The checkout was undone: the date's places go back. Releasing twice is a no-op. */
export async function releaseBooking(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  bookingId: string,
): Promise<BookingView> {
  return ctx.db.transaction(async (tx) => {
    const booking = await lockBooking(tx, bookingId);
    if (booking.status === 'released' || booking.status === 'expired') return loadBooking(tx, bookingId);
    if (booking.status === 'confirmed') {
      throw new Conflict(
        '결제된 예약은 풀 수 없어요. 주문 취소로 처리해 주세요. A confirmed booking is cancelled through its fulfilment.',
        'booking_confirmed',
      );
    }
    await releaseLocked(tx, booking, 'released', ctx.clock.now());
    return loadBooking(tx, bookingId);
  });
}

/** Settles a locked live booking as released or expired and gives its places back. */
export async function releaseLocked(
  tx: LogisticsDb,
  booking: LockedBooking,
  outcome: 'released' | 'expired',
  now: Date,
): Promise<void> {
  await tx.update(bookings).set({ status: outcome, settledAt: now }).where(eq(bookings.id, booking.id));
  await unbook(tx, booking);
}

/** Bookings past their TTL, oldest first; SKIP LOCKED lets two replicas sweep without waiting on each other. */
export async function expireBookings(ctx: Pick<DomainContext, 'db' | 'clock'>, limit = 100): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const overdue = await tx
      .select({
        id: bookings.id,
        farmId: bookings.farmId,
        dispatchDate: bookings.dispatchDate,
        hubId: bookings.hubId,
        deliveryDate: bookings.deliveryDate,
        boxes: bookings.boxes,
      })
      .from(bookings)
      .where(and(eq(bookings.status, 'held'), sql`${bookings.expiresAt} <= ${now.toISOString()}::timestamptz`))
      .orderBy(bookings.expiresAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (overdue.length === 0) return 0;
    await tx
      .update(bookings)
      .set({ status: 'expired', settledAt: now })
      .where(sql`${bookings.id} = any(${sql.param(overdue.map((booking) => booking.id))}::uuid[])`);
    await unbookMany(tx, overdue);
    return overdue.length;
  });
}
