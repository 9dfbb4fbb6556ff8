import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogHarness, createHarness, daysAgo, seedFarm, seedLot, seedOffer } from '../testing/harness.ts';
import { announceAgedOutStock } from './age-out.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-age-out');
});
afterAll(async () => {
  await h.close();
});

const DAY = 86_400_000;

const stateOf = async (offerId: string) =>
  (await h.owner<{ state: string }[]>`select stock_state as state from catalog.offers where id = ${offerId}`)[0]?.state;

const crossings = (offerId: string) =>
  h.owner<{ data: { previousState: string; state: string } }[]>`
    select envelope->'data' as data from catalog.outbox
    where type = 'StockLevelChanged' and envelope->>'aggregateId' = ${offerId} order by seq`;

describe('lots ageing out of sale', () => {
  it('announce the offer sold out once its last sellable lot passes the max age, and only once', async () => {
    // The harness policy: 30 days for a fruit without its own max age.
    const farm = await seedFarm(h);
    const aging = await seedOffer(h, farm, { fruit: '키위', variety: '골드' });
    const fresh = await seedOffer(h, farm, { fruit: '키위', variety: '그린' });
    await seedLot(h, farm, aging.offerId, { lotCode: 'AGE-1', harvestedOn: daysAgo(h, 28), boxesHarvested: 50 });
    await seedLot(h, farm, fresh.offerId, { lotCode: 'AGE-2', harvestedOn: daysAgo(h, 1), boxesHarvested: 50 });
    expect(await stateOf(aging.offerId)).toBe('in_stock');

    expect(await announceAgedOutStock(h.ctx)).toBe(0);
    h.clock.advance(3 * DAY);
    expect(await announceAgedOutStock(h.ctx)).toBe(1);
    expect(await stateOf(aging.offerId)).toBe('sold_out');
    expect(await stateOf(fresh.offerId)).toBe('in_stock');
    expect((await crossings(aging.offerId)).map((row) => row.data)).toEqual([
      expect.objectContaining({ previousState: 'sold_out', state: 'in_stock' }),
      expect.objectContaining({ previousState: 'in_stock', state: 'sold_out' }),
    ]);
    // The aged lot still has boxes, but the offer is already announced sold out.
    expect(await announceAgedOutStock(h.ctx)).toBe(0);
    expect(await crossings(aging.offerId)).toHaveLength(2);
  });
});
