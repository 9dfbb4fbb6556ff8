import { defineOperation } from '@fruitables/kit/contract';
import { z } from '@hono/zod-openapi';
import { BOOKING_ID, FARM_ID } from './examples.ts';
import { BOOKINGS_SCOPE, postcode } from './promise.ts';
import { bookingStatuses, deliveryAreas } from './values.ts';

/*
 * A booking holds a delivery date for one fulfilment at checkout, like catalog's stock hold:
 * held with a TTL, confirmed when the order is paid (which creates the shipment), released on
 * cancel or expiry. A farm's packing capacity and the hub's dawn capacity are never overbooked.
 * The booking keeps the recipient, so logistics can print labels without asking orders.
 */

export const recipientSchema = z
  .object({
    name: z.string().trim().min(1).max(40).openapi({ example: '김민지' }),
    phone: z
      .string()
      .regex(/^01[016789]-?\d{3,4}-?\d{4}$/, '휴대폰 번호를 010-1234-5678처럼 적어 주세요.')
      .openapi({ example: '010-1234-5678' }),
    postcode,
    address1: z.string().trim().min(1).max(200).openapi({ example: '서울특별시 강남구 테헤란로 123' }),
    address2: z.string().trim().max(200).openapi({ example: '4층 401호' }),
    deliveryNote: z.string().trim().max(200).nullable().openapi({ example: '공동현관 #1234' }),
  })
  .strict()
  .openapi('Recipient');

export type Recipient = z.infer<typeof recipientSchema>;

export const bookingBody = z
  .object({
    orderId: z.uuid(),
    fulfilmentId: z.uuid(),
    shopperId: z.uuid(),
    farmId: z.uuid().openapi({ example: FARM_ID }),
    deliveryDate: z.iso.date().openapi({ example: '2026-12-10' }),
    boxes: z.number().int().positive().max(500).openapi({ example: 2 }),
    recipient: recipientSchema,
    ttlSeconds: z.number().int().min(30).max(3600).optional().openapi({ example: 900 }),
  })
  .strict()
  .openapi('BookingRequest');

export type BookingRequest = z.infer<typeof bookingBody>;

export const bookingSchema = z
  .object({
    id: z.uuid().openapi({ example: BOOKING_ID }),
    status: z.enum(bookingStatuses).openapi({ example: 'held' }),
    orderId: z.uuid(),
    fulfilmentId: z.uuid(),
    farmId: z.uuid(),
    area: z.enum(deliveryAreas),
    deliveryDate: z.iso.date(),
    dispatchDate: z.iso.date(),
    /** The instant the promise is kept by (e.g. 07:00 Seoul on the delivery date for dawn delivery). */
    promisedBy: z.iso.datetime(),
    boxes: z.number().int().positive(),
    /** 제주·도서산간 surcharge for this fulfilment, integer KRW. */
    surcharge: z.number().int().nonnegative(),
    expiresAt: z.iso.datetime(),
  })
  .openapi('Booking');

export type Booking = z.infer<typeof bookingSchema>;

const bookingIdParams = z.object({ bookingId: z.uuid() });

/** Holds a delivery date. Requires the checkout's Idempotency-Key: the same key returns the same booking. */
export const createBooking = defineOperation({
  method: 'POST',
  path: '/internal/v1/bookings',
  body: bookingBody,
  response: bookingSchema,
  idempotent: false,
  idempotencyKey: 'required',
  scope: BOOKINGS_SCOPE,
  problemCodes: ['date_full', 'date_unavailable', 'area_unserved', 'idempotency_key_reused', 'validation_failed'],
});

/** Confirms a paid booking and creates its shipment; confirming twice is a no-op. */
export const confirmBooking = defineOperation({
  method: 'POST',
  path: '/internal/v1/bookings/{bookingId}/confirm',
  params: bookingIdParams,
  response: bookingSchema,
  idempotent: true,
  scope: BOOKINGS_SCOPE,
  problemCodes: ['booking_not_found', 'booking_not_live', 'validation_failed'],
});

/** Releases a booking (its capacity goes back); releasing twice is a no-op. */
export const releaseBooking = defineOperation({
  method: 'POST',
  path: '/internal/v1/bookings/{bookingId}/release',
  params: bookingIdParams,
  response: bookingSchema,
  idempotent: true,
  scope: BOOKINGS_SCOPE,
  problemCodes: ['booking_not_found', 'booking_confirmed', 'validation_failed'],
});

export const bookingExtensionBody = z
  .object({
    expiresAt: z.iso.datetime().openapi({
      example: '2026-12-09T12:00:00.000Z',
      description:
        'The new expiry: later than now, at most 7 days ahead. An earlier one than the booking has changes nothing.',
    }),
  })
  .strict()
  .openapi('BookingExtension');

/**
 * Keeps a held booking longer (an order paid by virtual account waits for its deposit until
 * the due date). Never shortens a booking, so asking twice is a no-op: idempotent.
 */
export const extendBooking = defineOperation({
  method: 'POST',
  path: '/internal/v1/bookings/{bookingId}/extend',
  params: bookingIdParams,
  body: bookingExtensionBody,
  response: bookingSchema,
  idempotent: true,
  scope: BOOKINGS_SCOPE,
  problemCodes: ['booking_not_found', 'booking_not_live', 'validation_failed'],
});
