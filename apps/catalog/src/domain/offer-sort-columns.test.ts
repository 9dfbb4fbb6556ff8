import { withId } from '@fruitables/kit/testing';
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
} from '../testing/harness.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-offer-sort-columns');
});
afterAll(async () => {
  await h.close();
});

const sortColumns = async (offerId: string) => {
  const [row] = await h.owner<{ newest: string | null; sold: number }[]>`
    select newest_harvest_on::text as newest, sold_boxes as sold from catalog.offers where id = ${offerId}`;
  return row;
};

describe("an offer's search sort columns (kept by triggers on lots)", () => {
  it('follow the newest harvest whatever order lots arrive in, and count boxes sold only on confirmation', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    expect(await sortColumns(offerId)).toEqual({ newest: null, sold: 0 });
    await seedLot(h, farm, offerId, { lotCode: 'S-2', harvestedOn: daysAgo(h, 2), boxesHarvested: 10 });
    await seedLot(h, farm, offerId, { lotCode: 'S-5', harvestedOn: daysAgo(h, 5), boxesHarvested: 10 });
    expect(await sortColumns(offerId)).toEqual({ newest: daysAgo(h, 2), sold: 0 });

    // 12 boxes cross both lots (FEFO: the older one first); a hold alone sells nothing.
    const service = await ordersServiceToken(h.signer);
    const held = await call(h, 'POST', '/internal/v1/holds', {
      token: service,
      headers: { 'idempotency-key': `sort-${crypto.randomUUID()}` },
      body: { lines: [{ offerId, quantity: 12 }] },
    });
    expect(held.status).toBe(201);
    expect((await sortColumns(offerId))?.sold).toBe(0);
    const { id } = held.parse(withId);
    expect((await call(h, 'POST', `/internal/v1/holds/${id}/confirm`, { token: service })).status).toBe(200);
    expect(await sortColumns(offerId)).toEqual({ newest: daysAgo(h, 2), sold: 12 });

    // A released hold puts boxes back on sale but sold nothing.
    const released = await call(h, 'POST', '/internal/v1/holds', {
      token: service,
      headers: { 'idempotency-key': `sort-${crypto.randomUUID()}` },
      body: { lines: [{ offerId, quantity: 3 }] },
    });
    const { id: releasedId } = released.parse(withId);
    await call(h, 'POST', `/internal/v1/holds/${releasedId}/release`, { token: service });
    expect((await sortColumns(offerId))?.sold).toBe(12);
  });

  it('update every offer a multi-row insert touches in one statement', async () => {
    const farm = await seedFarm(h);
    const a = await seedOffer(h, farm, { grade: '특' });
    const b = await seedOffer(h, farm, { variety: '홍로', grade: '상' });
    await h.owner`
      insert into catalog.lots (id, offer_id, farm_id, lot_code, harvested_on, boxes_harvested, on_hand)
      values (gen_random_uuid(), ${a.offerId}, ${farm.farmId}, 'M-1', ${daysAgo(h, 3)}, 5, 5),
             (gen_random_uuid(), ${a.offerId}, ${farm.farmId}, 'M-2', ${daysAgo(h, 1)}, 5, 5),
             (gen_random_uuid(), ${b.offerId}, ${farm.farmId}, 'M-3', ${daysAgo(h, 4)}, 5, 5)`;
    expect((await sortColumns(a.offerId))?.newest).toBe(daysAgo(h, 1));
    expect((await sortColumns(b.offerId))?.newest).toBe(daysAgo(h, 4));
  });
});
