import { responseSchema } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicProductSchema } from '../../contract/public-reads.ts';
import {
  type CatalogHarness,
  call,
  createHarness,
  daysAgo,
  seedFarm,
  seedLot,
  seedOffer,
} from '../../testing/harness.ts';
import { listProductsRoute } from './list-products.ts';

let h: CatalogHarness;
let farm: { farmId: string; token: string };
let apple: { productId: string; offerId: string };
let ugly: { productId: string; offerId: string };
beforeAll(async () => {
  h = await createHarness('catalog-public');
  farm = await seedFarm(h, '충주 햇살농원');
  apple = await seedOffer(h, farm, { fruit: '사과', variety: '부사', grade: '특', priceKrw: 39000 });
  ugly = await seedOffer(h, farm, { fruit: '사과', variety: '시나노골드', grade: '못난이', priceKrw: 19000 });
  await seedLot(h, farm, apple.offerId, { lotCode: 'A-OLD', harvestedOn: daysAgo(h, 6), boxesHarvested: 50, brix: 13 });
  await seedLot(h, farm, apple.offerId, {
    lotCode: 'A-NEW',
    harvestedOn: daysAgo(h, 1),
    boxesHarvested: 50,
    brix: 15.2,
  });
  await seedLot(h, farm, ugly.offerId, { lotCode: 'U-1', harvestedOn: daysAgo(h, 2), boxesHarvested: 3 });
});
afterAll(async () => {
  await h.close();
});

describe('public catalog reads', () => {
  it('shows a product with its offers, price, stock state and freshest lot, but no stock counts', async () => {
    const response = await call(h, 'GET', `/v1/products/${apple.productId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=30');
    const product = response.parse(publicProductSchema);
    expect(product.offers).toEqual([
      expect.objectContaining({
        id: apple.offerId,
        priceKrw: 39000,
        stockState: 'in_stock',
        freshestLot: { lotCode: 'A-NEW', harvestedOn: daysAgo(h, 1), brix: 15.2 },
      }),
    ]);
    expect(JSON.stringify(product)).not.toMatch(/available|onHand|reserved/);
  });

  it('answers 304 to a current ETag', async () => {
    const first = await call(h, 'GET', `/v1/products/${apple.productId}`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await call(h, 'GET', `/v1/products/${apple.productId}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('lists products by fruit, grade and farm, one page at a time', async () => {
    const byGrade = (await call(h, 'GET', '/v1/products?grade=못난이')).parse(responseSchema(listProductsRoute, 200));
    expect(byGrade.items.map((item) => item.id)).toEqual([ugly.productId]);
    expect(byGrade.items[0]?.offers[0]?.stockState).toBe('low');
    const first = (await call(h, 'GET', `/v1/products?fruit=사과&farmId=${farm.farmId}&limit=1`)).parse(
      responseSchema(listProductsRoute, 200),
    );
    expect(first.items).toHaveLength(1);
    const second = (
      await call(h, 'GET', `/v1/products?fruit=사과&farmId=${farm.farmId}&limit=1&cursor=${first.nextCursor}`)
    ).parse(responseSchema(listProductsRoute, 200));
    expect(second.nextCursor).toBeNull();
    expect([first.items[0]?.id, second.items[0]?.id].sort()).toEqual([apple.productId, ugly.productId].sort());
    const bad = await call(h, 'GET', '/v1/products?grade=최상');
    expect(bad.status).toBe(400);
  });

  it('hides unpublished products and answers a farm profile', async () => {
    await call(h, 'PATCH', `/v1/farms/${farm.farmId}/products/${ugly.productId}`, {
      token: farm.token,
      body: { published: false },
    });
    expect((await call(h, 'GET', `/v1/products/${ugly.productId}`)).status).toBe(404);
    await call(h, 'PATCH', `/v1/farms/${farm.farmId}/products/${ugly.productId}`, {
      token: farm.token,
      body: { published: true },
    });
    const profile = await call(h, 'GET', `/v1/farms/${farm.farmId}`);
    expect(profile.json).toMatchObject({ id: farm.farmId, name: '충주 햇살농원', certifications: [] });
    expect((await call(h, 'GET', `/v1/farms/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('traces a box by its lot code to its farm, offer, harvest date and Brix', async () => {
    const response = await call(h, 'GET', `/v1/farms/${farm.farmId}/lots/A-OLD`);
    expect(response.json).toMatchObject({
      lotCode: 'A-OLD',
      harvestedOn: daysAgo(h, 6),
      brix: 13,
      farm: { id: farm.farmId, name: '충주 햇살농원' },
      offer: { id: apple.offerId, grade: '특', packKg: 5 },
      product: { fruit: '사과', variety: '부사' },
    });
    expect((await call(h, 'GET', `/v1/farms/${farm.farmId}/lots/NOPE`)).status).toBe(404);
  });
});
