import { newId } from '@fruitables/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bodyOf,
  type CatalogHarness,
  call,
  createHarness,
  daysAgo,
  seedFarm,
  seedLot,
  seedOffer,
} from '../../testing/harness.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-inventory');
});
afterAll(async () => {
  await h.close();
});

interface Inventory {
  products: {
    fruit: string;
    variety: string;
    published: boolean;
    offers: {
      id: string;
      published: boolean;
      lots: {
        lotCode: string;
        onHand: number;
        reserved: number;
        sold: number;
        withinMaxAge: boolean;
        lastSellableOn: string;
      }[];
    }[];
  }[];
}

describe("the farmer's inventory", () => {
  it('lists published and unpublished products with every lot, its counts and whether it still sells', async () => {
    const farm = await seedFarm(h);
    // 키위 has no max age of its own: the harness default of 30 days applies.
    const { offerId } = await seedOffer(h, farm, { fruit: '키위', variety: '골드' });
    await seedLot(h, farm, offerId, { lotCode: 'INV-OLD', harvestedOn: daysAgo(h, 31), boxesHarvested: 10 });
    await seedLot(h, farm, offerId, { lotCode: 'INV-NEW', harvestedOn: daysAgo(h, 1), boxesHarvested: 20 });
    const service = await h.signer.service('orders');
    const held = await call(h, 'POST', '/internal/v1/holds', {
      token: service,
      headers: { 'idempotency-key': `inv-${crypto.randomUUID()}` },
      body: { lines: [{ offerId, quantity: 3 }] },
    });
    expect(held.status).toBe(201);
    const draft = await call(h, 'POST', `/v1/farms/${farm.farmId}/products`, {
      token: farm.token,
      body: { fruit: '배', variety: '신고' },
    });
    expect(draft.status).toBe(201);

    const response = await call(h, 'GET', `/v1/farms/${farm.farmId}/inventory`, { token: farm.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const { products } = await bodyOf<Inventory>(response);
    expect(products.map((p) => [p.fruit, p.variety, p.published])).toEqual([
      ['배', '신고', false],
      ['키위', '골드', true],
    ]);
    expect(products[0]?.offers).toEqual([]);
    // Newest first; the 31-day-old lot is past the max age (so the hold took the new one) but still listed.
    expect(products[1]?.offers[0]?.lots).toEqual([
      expect.objectContaining({ lotCode: 'INV-NEW', onHand: 20, reserved: 3, sold: 0, withinMaxAge: true }),
      expect.objectContaining({ lotCode: 'INV-OLD', onHand: 10, reserved: 0, sold: 0, withinMaxAge: false }),
    ]);
    expect(products[1]?.offers[0]?.lots[0]?.lastSellableOn).toBe(daysAgo(h, 1 - 29));
  });

  it("is the farm's own: another farm's farmer and shoppers get 404, an admin sees it, an unknown farm is 404", async () => {
    const farm = await seedFarm(h);
    const other = await seedFarm(h, '옆농원');
    const path = `/v1/farms/${farm.farmId}/inventory`;
    expect((await call(h, 'GET', path, { token: other.token })).status).toBe(404);
    expect((await call(h, 'GET', path, { token: await h.signer.shopper() })).status).toBe(404);
    expect((await call(h, 'GET', path)).status).toBe(401);
    const admin = await h.signer.admin();
    expect((await call(h, 'GET', path, { token: admin })).status).toBe(200);
    expect((await call(h, 'GET', `/v1/farms/${newId()}/inventory`, { token: admin })).status).toBe(404);
  });
});
