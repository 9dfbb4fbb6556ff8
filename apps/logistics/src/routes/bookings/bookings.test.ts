import { farmSettings } from '@fruitables/schema-logistics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingSchema } from '../../contract/internal-bookings.ts';
import { expireBookings } from '../../domain/bookings/settle-booking.ts';
import {
  bookingRequest,
  call,
  createHarness,
  type LogisticsHarness,
  ordersServiceToken,
  outboxTypes,
} from '../../testing/harness.ts';

let h: LogisticsHarness;
let service: string;
beforeAll(async () => {
  // Tuesday 2026-12-08, 10:00 Seoul: Wednesday the 9th is the earliest dawn date.
  h = await createHarness('logistics-bookings');
  service = await ordersServiceToken(h.signer);
});
afterAll(async () => {
  await h.close();
});

const book = (body: unknown, key: string = crypto.randomUUID()) =>
  call(h, 'POST', '/internal/v1/bookings', { token: service, headers: { 'idempotency-key': key }, body });

async function counters(farmId: string) {
  const [farm] = await h.owner<{ booked: number }[]>`
    select coalesce(sum(booked), 0)::int as booked from logistics.farm_day_counters where farm_id = ${farmId}`;
  const [hub] = await h.owner<{ booked: number }[]>`
    select coalesce(sum(booked), 0)::int as booked from logistics.hub_day_counters`;
  return { farm: farm?.booked, hub: hub?.booked };
}

describe('holding a delivery date', () => {
  it('books an offered dawn date, counting the boxes at the farm and on the hub', async () => {
    const farmId = crypto.randomUUID();
    const before = await counters(farmId);
    const response = await book(bookingRequest(farmId, '2026-12-09', { boxes: 3 }));
    expect(response.status).toBe(201);
    expect(response.parse(bookingSchema)).toMatchObject({
      status: 'held',
      area: 'dawn',
      deliveryDate: '2026-12-09',
      dispatchDate: '2026-12-08',
      promisedBy: '2026-12-08T22:00:00.000Z',
      boxes: 3,
      surcharge: 0,
      expiresAt: '2026-12-08T01:15:00.000Z',
    });
    expect(await counters(farmId)).toEqual({ farm: 3, hub: (before.hub ?? 0) + 3 });
  });

  it('answers the same booking for the same key, and 409 idempotency_key_reused for another body', async () => {
    const farmId = crypto.randomUUID();
    const key = crypto.randomUUID();
    const body = bookingRequest(farmId, '2026-12-10');
    const [first, second] = await Promise.all([book(body, key), book(body, key)]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.parse(bookingSchema).id).toBe(second.parse(bookingSchema).id);
    expect((await counters(farmId)).farm).toBe(1);
    const reused = await book({ ...body, boxes: 2 }, key);
    expect(reused.status).toBe(409);
    expect(reused.problem.code).toBe('idempotency_key_reused');
  });

  it('refuses a date the promise does not offer, and an unserved postcode', async () => {
    const farmId = crypto.randomUUID();
    // Sunday the 13th: no Monday-dawn… and no pick-up on a Sunday.
    const sunday = await book(bookingRequest(farmId, '2026-12-14'));
    expect(sunday.status).toBe(409);
    expect(sunday.problem.code).toBe('date_unavailable');
    const unserved = await book(bookingRequest(farmId, '2026-12-09', { postcode: '99999' }));
    expect(unserved.status).toBe(409);
    expect(unserved.problem.code).toBe('area_unserved');
    expect(unserved.problem.detail).toContain('배송할 수 없는 우편번호');
  });

  it('refuses date_full when the farm’s packing day has no room', async () => {
    const farmId = crypto.randomUUID();
    await h.db.insert(farmSettings).values({
      farmId,
      dispatchWeekdays: [1, 2, 3, 4, 5],
      cutoffMinutes: 14 * 60,
      dailyCapacity: 4,
      baseFee: 3_000,
      freeFrom: 30_000,
    });
    expect((await book(bookingRequest(farmId, '2026-12-09', { boxes: 3 }))).status).toBe(201);
    const full = await book(bookingRequest(farmId, '2026-12-09', { boxes: 2 }));
    expect(full.status).toBe(409);
    expect(full.problem.code).toBe('date_full');
    expect((await book(bookingRequest(farmId, '2026-12-09', { boxes: 1 }))).status).toBe(201);
    expect((await counters(farmId)).farm).toBe(4);
  });
});

describe('settling a booking', () => {
  it('confirms once, creating the shipment and ShipmentCreated', async () => {
    const farmId = crypto.randomUUID();
    const booking = (await book(bookingRequest(farmId, '2026-12-09'))).parse(bookingSchema);
    const path = `/internal/v1/bookings/${booking.id}/confirm`;
    const first = await call(h, 'POST', path, { token: service });
    expect(first.status).toBe(200);
    expect(first.parse(bookingSchema).status).toBe('confirmed');
    const again = await call(h, 'POST', path, { token: service });
    expect(again.parse(bookingSchema)).toEqual(first.parse(bookingSchema));
    const shipments = await h.owner`select status from logistics.shipments where booking_id = ${booking.id}`;
    expect(shipments).toEqual([{ status: 'booked' }]);
    expect((await outboxTypes(h)).filter((type) => type === 'ShipmentCreated').length).toBeGreaterThanOrEqual(1);
    const release = await call(h, 'POST', `/internal/v1/bookings/${booking.id}/release`, { token: service });
    expect(release.status).toBe(409);
    expect(release.problem.code).toBe('booking_confirmed');
  });

  it('releases once, giving the places back; a released booking cannot be confirmed', async () => {
    const farmId = crypto.randomUUID();
    const booking = (await book(bookingRequest(farmId, '2026-12-09', { boxes: 2 }))).parse(bookingSchema);
    const path = `/internal/v1/bookings/${booking.id}/release`;
    expect((await call(h, 'POST', path, { token: service })).parse(bookingSchema).status).toBe('released');
    expect((await call(h, 'POST', path, { token: service })).parse(bookingSchema).status).toBe('released');
    expect((await counters(farmId)).farm).toBe(0);
    const confirm = await call(h, 'POST', `/internal/v1/bookings/${booking.id}/confirm`, { token: service });
    expect(confirm.status).toBe(409);
    expect(confirm.problem.code).toBe('booking_not_live');
  });

  it('answers 404 booking_not_found for an unknown booking', async () => {
    const response = await call(h, 'POST', `/internal/v1/bookings/${crypto.randomUUID()}/confirm`, { token: service });
    expect(response.status).toBe(404);
    expect(response.problem.code).toBe('booking_not_found');
  });

  it('expires bookings past their TTL in the sweep and gives their places back', async () => {
    const farmId = crypto.randomUUID();
    const booking = (await book({ ...bookingRequest(farmId, '2026-12-10', { boxes: 5 }), ttlSeconds: 60 })).parse(
      bookingSchema,
    );
    expect((await counters(farmId)).farm).toBe(5);
    h.clock.advance(61_000);
    try {
      let expired = 0;
      for (let pass = await expireBookings(h.ctx); pass > 0; pass = await expireBookings(h.ctx)) expired += pass;
      expect(expired).toBeGreaterThanOrEqual(1);
    } finally {
      h.clock.advance(-61_000);
    }
    const [row] = await h.owner<{ status: string }[]>`select status from logistics.bookings where id = ${booking.id}`;
    expect(row?.status).toBe('expired');
    expect((await counters(farmId)).farm).toBe(0);
  });
});
