import { farmDayCounters, farmSettings, hubCapacities } from '@fruitables/schema-logistics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookingRequest,
  call,
  createHarness,
  type LogisticsHarness,
  ordersServiceToken,
} from '../../testing/harness.ts';

// The last places of a day, raced by many checkouts at once: on loopback, and with 0.5–2 ms
// of jitter between the service and PostgreSQL, which widens every read-then-write window
// from microseconds to milliseconds, so a check-then-act would overbook here.
describe.each([
  { setting: 'on loopback', latency: undefined },
  { setting: 'with latency injected between the service and PostgreSQL', latency: { minMs: 0.5, maxMs: 2 } },
])('racing checkouts for the last places, $setting', ({ latency }) => {
  let h: LogisticsHarness;
  let token: string;
  beforeAll(async () => {
    h = await createHarness('logistics-race', { poolMax: 20, ...(latency ? { latency } : {}) });
    token = await ordersServiceToken(h.signer);
  });
  afterAll(async () => {
    await h.close();
  });

  const race = (farmId: string, count: number, date: string) =>
    Promise.all(
      Array.from({ length: count }, () =>
        call(h, 'POST', '/internal/v1/bookings', {
          token,
          headers: { 'idempotency-key': crypto.randomUUID() },
          body: bookingRequest(farmId, date),
        }),
      ),
    );

  it('gives exactly the farm’s last 7 places out of 250 concurrent bookings', async () => {
    const farmId = crypto.randomUUID();
    await h.db.insert(farmSettings).values({
      farmId,
      dispatchWeekdays: [1, 2, 3, 4, 5],
      cutoffMinutes: 14 * 60,
      dailyCapacity: 7,
      baseFee: 3_000,
      freeFrom: 30_000,
    });
    const responses = await race(farmId, 250, '2026-12-09');
    expect(responses.filter((response) => response.status === 201)).toHaveLength(7);
    const refused = responses.filter((response) => response.status === 409);
    expect(refused).toHaveLength(243);
    expect(new Set(refused.map((response) => response.problem.code))).toEqual(new Set(['date_full']));
    const [row] = await h.owner<{ booked: number; live: number }[]>`
      select (select booked from logistics.farm_day_counters where farm_id = ${farmId}) as booked,
             (select count(*)::int from logistics.bookings where farm_id = ${farmId} and status = 'held') as live`;
    expect(row).toEqual({ booked: 7, live: 7 });
  }, 120_000);

  it('gives exactly the last 50 places to 1,000 checkouts racing for them', async () => {
    const farmId = crypto.randomUUID();
    await h.db.insert(farmSettings).values({
      farmId,
      dispatchWeekdays: [1, 2, 3, 4, 5],
      cutoffMinutes: 14 * 60,
      dailyCapacity: 300,
      baseFee: 3_000,
      freeFrom: 30_000,
    });
    // 250 of the day's 300 places are already taken.
    await h.db.insert(farmDayCounters).values({ farmId, dispatchDate: '2026-12-14', booked: 250 });
    const responses = await race(farmId, 1_000, '2026-12-15');
    expect(responses.filter((response) => response.status === 201)).toHaveLength(50);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(950);
    const [row] = await h.owner<{ booked: number }[]>`
      select booked from logistics.farm_day_counters where farm_id = ${farmId} and dispatch_date = '2026-12-14'`;
    expect(row?.booked).toBe(300);
  }, 180_000);

  it('gives exactly the hub’s last 5 dawn places across many farms', async () => {
    await h.db.insert(hubCapacities).values({ hubId: 'seoul', deliveryDate: '2026-12-11', capacity: 5 });
    const farms = Array.from({ length: 10 }, () => crypto.randomUUID());
    const responses = (await Promise.all(farms.map((farmId) => race(farmId, 25, '2026-12-11')))).flat();
    expect(responses.filter((response) => response.status === 201)).toHaveLength(5);
    const [hub] = await h.owner<{ booked: number }[]>`
      select booked from logistics.hub_day_counters where hub_id = 'seoul' and delivery_date = '2026-12-11'`;
    expect(hub?.booked).toBe(5);
  }, 120_000);
});
