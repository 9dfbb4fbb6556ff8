import { z } from '@hono/zod-openapi';
import { bookingBody, bookingSchema } from '../../contract/internal-bookings.ts';
import type { BookingView } from '../../domain/bookings/booking-views.ts';

export const bookingHeaders = z.object({
  'idempotency-key': z
    .string('Idempotency-Key 헤더가 필요합니다. Send an Idempotency-Key header.')
    .min(8)
    .max(200)
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, example: 'checkout-0196f0c2-7b3a-7c1e-f1' }),
});

// The request and answer shapes are logistics' contract with orders: defined there, validated here.
export { bookingBody, bookingSchema };

export const bookingResponse = (booking: BookingView): z.infer<typeof bookingSchema> => ({
  ...booking,
  promisedBy: booking.promisedBy.toISOString(),
  expiresAt: booking.expiresAt.toISOString(),
});
