import { Conflict, ValidationFailed } from '@fruitables/core';
import { bookings } from '@fruitables/schema-logistics';
import { eq } from 'drizzle-orm';
import type { DomainContext } from '../context.ts';
import { type BookingView, loadBooking, lockBooking } from './booking-views.ts';

/** The longest a booking may be held: a virtual account's due date is days, not weeks, away. */
export const MAX_BOOKING_EXTENSION_MS = 7 * 86_400_000;

/**
 * Keeps a held booking until `expiresAt` (the order waits for a virtual account's deposit). A
 * booking is never shortened, so a repeated or late request changes nothing; a confirmed one
 * is answered as it is. A booking the sweep already expired is refused: its places went back.
 */
export async function extendBooking(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  bookingId: string,
  expiresAt: Date,
): Promise<BookingView> {
  const now = ctx.clock.now();
  if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + MAX_BOOKING_EXTENSION_MS) {
    throw new ValidationFailed('만료 시각은 지금부터 7일 안이어야 해요. expiresAt must be within the next 7 days.', [
      { field: 'expiresAt', message: 'between now and 7 days from now' },
    ]);
  }
  return ctx.db.transaction(async (tx) => {
    const booking = await lockBooking(tx, bookingId);
    if (booking.status === 'confirmed') return loadBooking(tx, bookingId);
    if (booking.status !== 'held') {
      throw new Conflict(`이미 끝난 예약이에요. This booking was already ${booking.status}.`, 'booking_not_live');
    }
    if (expiresAt > booking.expiresAt) await tx.update(bookings).set({ expiresAt }).where(eq(bookings.id, bookingId));
    return loadBooking(tx, bookingId);
  });
}
