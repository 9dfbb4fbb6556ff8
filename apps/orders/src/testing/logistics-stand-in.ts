import { newId, toSeoulDate } from '@fruitables/core';
import { type StandInServer, standInRoutes, startStandInServer } from '@fruitables/kit/testing';
import {
  type Booking,
  type BookingRequest,
  bookingBody,
  bookingExtensionBody,
  type DeliveryPromise,
  type FarmPromise,
  promiseBody,
} from '@fruitables/logistics/contract';
import { idempotencyKeyOf, problemAnswer, sameBody } from './problem-answer.ts';

/*
 * A STAND-IN for the logistics service, for orders' own tests only (the lead's journey tests
 * run the real logistics). It honours logistics' contract (apps/logistics/src/contract) exactly
 * as orders relies on it: quotePromise, createBooking with an Idempotency-Key (the same key
 * answers the same booking, a refusal included; another body is 409 idempotency_key_reused),
 * confirmBooking, releaseBooking and extendBooking, idempotent, with the contract's problem codes. Its rules
 * are simple on purpose: every farm ships the day before delivery, dates are the next five
 * days from tomorrow (Seoul), 3,000원 unless a farm's goods reach 30,000원, +3,000원 in Jeju
 * (postcodes 63xxx), and `capacity` boxes per farm and date.
 */

export interface LogisticsStandIn {
  url: string;
  server: StandInServer;
  /** Bookings by id, as logistics would hold them. */
  bookings: Map<string, Booking>;
  /** Boxes held or confirmed per `farmId|date`. */
  boxesBooked(farmId: string, date: string): number;
  /** Postcodes this stand-in does not serve (area_unserved). */
  unservedPostcodes: Set<string>;
  /** Answers the next `n` booking calls with 503, as a restarting logistics would. */
  failNext(n: number): void;
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;
export const STAND_IN_FEE = { baseFee: 3_000, freeFrom: 30_000 };

/** The dates a shopper may choose: tomorrow and the four days after (Seoul calendar days). */
export function standInDates(now: Date = new Date()): string[] {
  return Array.from({ length: 5 }, (_, index) => toSeoulDate(new Date(now.getTime() + (index + 1) * DAY_MS)));
}

export function startLogisticsStandIn(options: { capacity?: number } = {}): LogisticsStandIn {
  const capacity = options.capacity ?? 1_000;
  const bookings = new Map<string, Booking>();
  const byKey = new Map<
    string,
    { body: BookingRequest; answer: { status: number; booking?: Booking; code?: string } }
  >();
  const booked = new Map<string, number>();
  const unservedPostcodes = new Set<string>();
  let failures = 0;

  const slot = (farmId: string, date: string) => `${farmId}|${date}`;
  const surchargeOf = (postcode: string | undefined) => (postcode?.startsWith('63') ? 3_000 : 0);
  const areaOf = (postcode: string | undefined) => (postcode?.startsWith('63') ? 'jeju' : 'dawn') as 'jeju' | 'dawn';
  const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);

  const farmPromise = (farmId: string, boxes: number, postcode: string | undefined): FarmPromise => {
    const deliverable = !(postcode && unservedPostcodes.has(postcode));
    const dates = standInDates().map((date) => ({
      date,
      dispatchDate: dayBefore(date),
      available: (booked.get(slot(farmId, date)) ?? 0) + boxes <= capacity,
      label: `${date} 새벽 7시 전`,
    }));
    return {
      farmId,
      area: areaOf(postcode),
      deliverable,
      reason: deliverable ? null : '이 지역은 아직 배송하지 않아요.',
      orderBy: null,
      earliest: deliverable ? (dates.find((date) => date.available) ?? null) : null,
      headline: '밤 11시까지 주문하면 내일 새벽 7시 전 도착',
      dates: deliverable ? dates : [],
      fee: { ...STAND_IN_FEE, surcharge: surchargeOf(postcode) },
    };
  };

  const answer = (entry: { status: number; booking?: Booking; code?: string }) =>
    entry.booking
      ? Response.json(entry.booking, { status: entry.status })
      : problemAnswer(409, entry.code ?? 'date_full', '선택한 배송일이 마감됐어요.');

  const settle = (bookingId: string, to: 'confirmed' | 'released') => {
    const booking = bookings.get(bookingId);
    if (!booking) return problemAnswer(404, 'booking_not_found', 'No booking with this id.');
    if (booking.status === to) return Response.json(booking);
    if (to === 'confirmed' && booking.status !== 'held')
      return problemAnswer(409, 'booking_not_live', 'This booking is not held.');
    if (to === 'released' && booking.status === 'confirmed') {
      return problemAnswer(409, 'booking_confirmed', 'A confirmed booking cannot be released.');
    }
    if (to === 'released' && booking.status === 'held') {
      const key = slot(booking.farmId, booking.deliveryDate);
      booked.set(key, (booked.get(key) ?? 0) - booking.boxes);
    }
    booking.status = booking.status === 'held' ? to : booking.status;
    return Response.json(booking);
  };

  const server = startStandInServer(
    standInRoutes([
      {
        method: 'POST',
        path: /^\/internal\/v1\/promise$/,
        async answer(_match, request) {
          const parsed = promiseBody.safeParse(await request.json().catch(() => null));
          if (!parsed.success) return problemAnswer(400, 'validation_failed', parsed.error.message);
          const promise: DeliveryPromise = {
            postcode: parsed.data.postcode ?? null,
            area: areaOf(parsed.data.postcode),
            farms: parsed.data.farms.map((farm) => farmPromise(farm.farmId, farm.boxes, parsed.data.postcode)),
          };
          return Response.json(promise);
        },
      },
      {
        method: 'POST',
        path: /^\/internal\/v1\/bookings$/,
        async answer(_match, request) {
          if (failures > 0) {
            failures -= 1;
            return problemAnswer(503, 'unavailable', 'logistics is restarting.');
          }
          const key = idempotencyKeyOf(request);
          if (typeof key !== 'string') return key;
          const parsed = bookingBody.safeParse(await request.json().catch(() => null));
          if (!parsed.success) return problemAnswer(400, 'validation_failed', parsed.error.message);
          const body = parsed.data;
          const seen = byKey.get(key);
          if (seen) {
            if (!sameBody(seen.body, body))
              return problemAnswer(409, 'idempotency_key_reused', 'Key used for another booking.');
            return answer({ ...seen.answer, status: seen.answer.booking ? 200 : 409 });
          }
          if (unservedPostcodes.has(body.recipient.postcode)) {
            byKey.set(key, { body, answer: { status: 409, code: 'area_unserved' } });
            return problemAnswer(409, 'area_unserved', '이 지역은 아직 배송하지 않아요.');
          }
          const taken = booked.get(slot(body.farmId, body.deliveryDate)) ?? 0;
          if (!standInDates().includes(body.deliveryDate) || taken + body.boxes > capacity) {
            byKey.set(key, { body, answer: { status: 409, code: 'date_full' } });
            return answer({ status: 409, code: 'date_full' });
          }
          booked.set(slot(body.farmId, body.deliveryDate), taken + body.boxes);
          const booking: Booking = {
            id: newId(),
            status: 'held',
            orderId: body.orderId,
            fulfilmentId: body.fulfilmentId,
            farmId: body.farmId,
            area: areaOf(body.recipient.postcode),
            deliveryDate: body.deliveryDate,
            dispatchDate: dayBefore(body.deliveryDate),
            promisedBy: new Date(Date.parse(`${body.deliveryDate}T07:00:00+09:00`)).toISOString(),
            boxes: body.boxes,
            surcharge: surchargeOf(body.recipient.postcode),
            expiresAt: new Date(Date.now() + (body.ttlSeconds ?? 900) * 1000).toISOString(),
          };
          bookings.set(booking.id, booking);
          byKey.set(key, { body, answer: { status: 201, booking } });
          return Response.json(booking, { status: 201 });
        },
      },
      {
        method: 'POST',
        path: /^\/internal\/v1\/bookings\/([^/]+)\/confirm$/,
        answer: (match) => settle(match[1] ?? '', 'confirmed'),
      },
      {
        method: 'POST',
        path: /^\/internal\/v1\/bookings\/([^/]+)\/release$/,
        answer: (match) => settle(match[1] ?? '', 'released'),
      },
      {
        method: 'POST',
        path: /^\/internal\/v1\/bookings\/([^/]+)\/extend$/,
        async answer(match, request) {
          const parsed = bookingExtensionBody.safeParse(await request.json().catch(() => null));
          if (!parsed.success) return problemAnswer(400, 'validation_failed', parsed.error.message);
          const booking = bookings.get(match[1] ?? '');
          if (!booking) return problemAnswer(404, 'booking_not_found', 'No booking with this id.');
          if (booking.status === 'confirmed') return Response.json(booking);
          if (booking.status !== 'held') return problemAnswer(409, 'booking_not_live', 'This booking is not held.');
          if (parsed.data.expiresAt > booking.expiresAt) booking.expiresAt = parsed.data.expiresAt;
          return Response.json(booking);
        },
      },
    ]),
  );
  return {
    url: server.url,
    server,
    bookings,
    boxesBooked: (farmId, date) => booked.get(slot(farmId, date)) ?? 0,
    unservedPostcodes,
    failNext(n) {
      failures = n;
    },
    stop: () => server.stop(),
  };
}
