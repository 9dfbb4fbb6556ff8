import { type BookingRecipient, type BookingStatus, bookings, type DeliveryArea } from '@fruitables/schema-logistics';
import { eq } from 'drizzle-orm';
import type { LogisticsDb } from '../context.ts';
import { bookingNotFound } from '../errors.ts';

/** A booking as callers see it (the contract's Booking, with Dates). */
export interface BookingView {
  id: string;
  status: BookingStatus;
  orderId: string;
  fulfilmentId: string;
  farmId: string;
  area: DeliveryArea;
  deliveryDate: string;
  dispatchDate: string;
  promisedBy: Date;
  boxes: number;
  surcharge: number;
  expiresAt: Date;
}

export const bookingViewColumns = {
  id: bookings.id,
  status: bookings.status,
  orderId: bookings.orderId,
  fulfilmentId: bookings.fulfilmentId,
  farmId: bookings.farmId,
  area: bookings.area,
  deliveryDate: bookings.deliveryDate,
  dispatchDate: bookings.dispatchDate,
  promisedBy: bookings.promisedBy,
  boxes: bookings.boxes,
  surcharge: bookings.surcharge,
  expiresAt: bookings.expiresAt,
};

/** The booking row a settlement works on, locked for the transaction. */
export interface LockedBooking extends BookingView {
  hubId: string | null;
  shopperId: string;
  recipient: BookingRecipient;
}

export async function loadBooking(db: LogisticsDb, bookingId: string): Promise<BookingView> {
  const [booking] = await db.select(bookingViewColumns).from(bookings).where(eq(bookings.id, bookingId));
  if (!booking) throw bookingNotFound();
  return booking;
}

export async function lockBooking(tx: LogisticsDb, bookingId: string): Promise<LockedBooking> {
  const [booking] = await tx
    .select({
      ...bookingViewColumns,
      hubId: bookings.hubId,
      shopperId: bookings.shopperId,
      recipient: bookings.recipient,
    })
    .from(bookings)
    .where(eq(bookings.id, bookingId))
    .for('update');
  if (!booking) throw bookingNotFound();
  return booking;
}
