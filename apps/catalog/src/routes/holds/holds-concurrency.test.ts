import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogHarness,
  call,
  createHarness,
  daysAgo,
  ordersServiceToken,
  seedFarm,
  seedLot,
  seedOffer,
} from '../../testing/harness.ts';

// The same flash sale twice: on loopback, and with 0.5–2 ms of jitter on every chunk
// between the service and PostgreSQL, as across a pod network. The delay widens every race
// window (read stock → reserve → commit) from microseconds to milliseconds, so a missing
// lock or a check-then-act would oversell here even if it gets lucky on loopback.
describe.each([
  { setting: 'on loopback', latency: undefined },
  { setting: 'with latency injected between the service and PostgreSQL', latency: { minMs: 0.5, maxMs: 2 } },
])('a flash sale on the last 100 boxes, $setting', ({ latency }) => {
  let h: CatalogHarness;
  beforeAll(async () => {
    h = await createHarness('catalog-flash-sale', { poolMax: 20, ...(latency ? { latency } : {}) });
  });
  afterAll(async () => {
    await h.close();
  });

  it('gives exactly 100 holds and 900 clean sold_out answers out of 1,000 concurrent requests', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    // Two lots so allocation also crosses a lot boundary under contention.
    const lotIds = [
      await seedLot(h, farm, offerId, { lotCode: 'FS-1', harvestedOn: daysAgo(h, 2), boxesHarvested: 40 }),
      await seedLot(h, farm, offerId, { lotCode: 'FS-2', harvestedOn: daysAgo(h, 1), boxesHarvested: 60 }),
    ];
    const token = await ordersServiceToken(h.signer);
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        call(h, 'POST', '/internal/v1/holds', {
          token,
          headers: { 'idempotency-key': `flash-${index}-${crypto.randomUUID()}` },
          body: { lines: [{ offerId, quantity: 1 }] },
        }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(100);
    const refused = responses.filter((response) => response.status === 409);
    expect(refused).toHaveLength(900);
    const codes = new Set(refused.map((response) => response.problem.code));
    expect([...codes]).toEqual(['sold_out']);
    expect(new Set(refused.map((response) => response.headers.get('content-type')))).toEqual(
      new Set(['application/problem+json']),
    );

    const lots = await h.owner<{ on_hand: number; reserved: number }[]>`
      select on_hand, reserved from catalog.lots where id in ${h.owner(lotIds)}`;
    expect(lots.every((lot) => lot.on_hand >= 0 && lot.reserved === lot.on_hand)).toBe(true);
    const [totals] = await h.owner<{ reserved: number; live: number }[]>`
      select (select sum(reserved)::int from catalog.lots where offer_id = ${offerId}) as reserved,
             (select coalesce(sum(quantity), 0)::int from catalog.hold_lines l join catalog.holds h on h.id = l.hold_id
               where l.offer_id = ${offerId} and h.status = 'held') as live`;
    expect(totals).toEqual({ reserved: 100, live: 100 });
  }, 120_000);
});
