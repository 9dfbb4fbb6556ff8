import { withId } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogHarness,
  call,
  createHarness,
  daysAgo,
  outboxTypes,
  seedFarm,
  seedOffer,
} from '../testing/harness.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-farmer');
});
afterAll(async () => {
  await h.close();
});

describe('farmer catalog editing', () => {
  it('creates a product, an offer and a lot, announcing each through the outbox', async () => {
    const farm = await seedFarm(h);
    const { productId, offerId } = await seedOffer(h, farm);
    const lot = await call(h, 'POST', `/v1/farms/${farm.farmId}/offers/${offerId}/lots`, {
      token: farm.token,
      body: { lotCode: 'CJ-2611-01', harvestedOn: daysAgo(h, 2), boxesHarvested: 120, brix: 14.5 },
    });
    expect(lot.status).toBe(201);
    expect(lot.json).toMatchObject({ lotCode: 'CJ-2611-01', onHand: 120, reserved: 0, sold: 0, brix: 14.5 });
    const events = await h.owner<{ type: string; data: Record<string, unknown> }[]>`
      select type, envelope->'data' as data from catalog.outbox where envelope->>'aggregateId' in (${productId}, ${offerId}, ${farm.farmId}) order by seq`;
    expect(events.map((event) => event.type)).toEqual([
      'ProductPublished',
      'OfferUpdated',
      'HarvestBatchPublished',
      'StockLevelChanged',
    ]);
    expect(events[3]?.data).toMatchObject({ offerId, previousState: 'sold_out', state: 'in_stock' });
  });

  it('announces a price change with the previous and the new price, and nothing when the price stays', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm, { priceKrw: 39000 });
    const path = `/v1/farms/${farm.farmId}/offers/${offerId}`;
    const changed = await call(h, 'PATCH', path, { token: farm.token, body: { priceKrw: 35000 } });
    expect(changed.json).toMatchObject({ priceKrw: 35000 });
    await call(h, 'PATCH', path, { token: farm.token, body: { perOrderLimit: 3 } });
    const rows = await h.owner<{ data: Record<string, unknown> }[]>`
      select envelope->'data' as data from catalog.outbox where type = 'OfferPriceChanged' and envelope->>'aggregateId' = ${offerId}`;
    expect(rows.map((row) => row.data)).toEqual([
      expect.objectContaining({ previousPriceKrw: 39000, priceKrw: 35000, farmId: farm.farmId }),
    ]);
  });

  it('announces ProductPublished when an unpublished product is published later', async () => {
    const farm = await seedFarm(h);
    const created = await call(h, 'POST', `/v1/farms/${farm.farmId}/products`, {
      token: farm.token,
      body: { fruit: '배', variety: '신고' },
    });
    const { id } = created.parse(withId);
    const before = (await outboxTypes(h)).length;
    await call(h, 'PATCH', `/v1/farms/${farm.farmId}/products/${id}`, { token: farm.token, body: { published: true } });
    expect((await outboxTypes(h)).slice(before)).toEqual(['ProductPublished']);
  });
});

describe('partial edits', () => {
  it('change only the fields sent and leave the rest as they were', async () => {
    const farm = await seedFarm(h);
    const { productId, offerId } = await seedOffer(h, farm, { perOrderLimit: 4 });
    const offer = await call(h, 'PATCH', `/v1/farms/${farm.farmId}/offers/${offerId}`, {
      token: farm.token,
      body: { priceKrw: 36000 },
    });
    expect(offer.json).toMatchObject({ priceKrw: 36000, perOrderLimit: 4, published: true });
    const path = `/v1/farms/${farm.farmId}/products/${productId}`;
    await call(h, 'PATCH', path, { token: farm.token, body: { description: '아삭한 부사', seasonMonths: [10, 11] } });
    const product = await call(h, 'PATCH', path, { token: farm.token, body: { storageAdvice: '냉장 보관' } });
    expect(product.json).toMatchObject({
      description: '아삭한 부사',
      seasonMonths: [10, 11],
      storageAdvice: '냉장 보관',
      published: true,
    });
  });
});

describe('offer change events', () => {
  it('announce OfferUpdated for visible changes and publishing, never for an offer nobody can see', async () => {
    const farm = await seedFarm(h);
    const { productId, offerId } = await seedOffer(h, farm);
    const path = `/v1/farms/${farm.farmId}/offers/${offerId}`;
    const before = (await outboxTypes(h)).length;
    await call(h, 'PATCH', path, { token: farm.token, body: { perOrderLimit: 2 } });
    await call(h, 'PATCH', path, { token: farm.token, body: { priceKrw: 35000 } });
    await call(h, 'PATCH', path, { token: farm.token, body: { published: false } });
    // Unpublished: its edits are invisible to shoppers.
    await call(h, 'PATCH', path, { token: farm.token, body: { countPerBox: 18 } });
    const draft = await call(h, 'POST', `/v1/farms/${farm.farmId}/products/${productId}/offers`, {
      token: farm.token,
      body: { grade: '상', packKg: 3, priceKrw: 21000 },
    });
    expect(draft.status).toBe(201);
    expect((await outboxTypes(h)).slice(before)).toEqual(['OfferUpdated', 'OfferPriceChanged', 'OfferUpdated']);
    const rows = await h.owner<{ data: Record<string, unknown> }[]>`
      select envelope->'data' as data from catalog.outbox
      where type = 'OfferUpdated' and envelope->>'aggregateId' = ${offerId} order by seq`;
    // Created published (by seedOffer), the limit, then taken off sale (with the price as it is now).
    expect(rows.map((row) => row.data)).toEqual([
      expect.objectContaining({ productId, published: true, perOrderLimit: null, packKg: 5 }),
      expect.objectContaining({ published: true, perOrderLimit: 2 }),
      expect.objectContaining({ published: false, priceKrw: 35000 }),
    ]);
  });
});

describe('product change events', () => {
  it('announces ProductUpdated for a visible change of a published product, ProductUnpublished when taken off sale', async () => {
    const farm = await seedFarm(h);
    const { productId } = await seedOffer(h, farm);
    const path = `/v1/farms/${farm.farmId}/products/${productId}`;
    const before = (await outboxTypes(h)).length;
    await call(h, 'PATCH', path, { token: farm.token, body: { storageAdvice: '0~4℃ 냉장 보관' } });
    // The same value again is no change: nothing to rebuild.
    await call(h, 'PATCH', path, { token: farm.token, body: { storageAdvice: '0~4℃ 냉장 보관' } });
    await call(h, 'PATCH', path, { token: farm.token, body: { published: false } });
    // Unpublished: shoppers see nothing, so edits announce nothing until it is published again.
    await call(h, 'PATCH', path, { token: farm.token, body: { description: '비공개 중 수정' } });
    await call(h, 'PATCH', path, { token: farm.token, body: { published: true } });
    expect((await outboxTypes(h)).slice(before)).toEqual(['ProductUpdated', 'ProductUnpublished', 'ProductPublished']);
    const [updated] = await h.owner<{ data: Record<string, unknown> }[]>`
      select envelope->'data' as data from catalog.outbox
      where type = 'ProductUpdated' and envelope->>'aggregateId' = ${productId}`;
    expect(updated?.data).toMatchObject({ productId, farmId: farm.farmId, storageAdvice: '0~4℃ 냉장 보관' });
  });
});

describe('farm scoping', () => {
  it("answers 404 for another farm's id, its products and offers, exactly as for a missing farm", async () => {
    const mine = await seedFarm(h);
    const theirs = await seedFarm(h, '다른농원');
    const { productId, offerId } = await seedOffer(h, theirs);
    const attempts = [
      call(h, 'POST', `/v1/farms/${theirs.farmId}/products`, {
        token: mine.token,
        body: { fruit: '사과', variety: '홍로' },
      }),
      call(h, 'PATCH', `/v1/farms/${theirs.farmId}/offers/${offerId}`, { token: mine.token, body: { priceKrw: 1000 } }),
      // Their product under my farm id: the farm check passes, the product is not mine.
      call(h, 'PATCH', `/v1/farms/${mine.farmId}/products/${productId}`, {
        token: mine.token,
        body: { published: false },
      }),
      call(h, 'POST', `/v1/farms/${mine.farmId}/offers/${offerId}/lots`, {
        token: mine.token,
        body: { lotCode: 'X-1', harvestedOn: daysAgo(h, 1), boxesHarvested: 1 },
      }),
    ];
    const statuses = await Promise.all(attempts.map(async (attempt) => (await attempt).status));
    expect(statuses).toEqual([404, 404, 404, 404]);
  });

  it('lets an admin edit any farm, and refuses shoppers and anonymous callers', async () => {
    const farm = await seedFarm(h);
    const admin = await h.signer.admin();
    const byAdmin = await call(h, 'POST', `/v1/farms/${farm.farmId}/products`, {
      token: admin,
      body: { fruit: '감귤', variety: '노지' },
    });
    expect(byAdmin.status).toBe(201);
    const shopper = await call(h, 'POST', `/v1/farms/${farm.farmId}/products`, {
      token: await h.signer.shopper(),
      body: { fruit: '감귤', variety: '하우스' },
    });
    expect(shopper.status).toBe(404);
    const anonymous = await call(h, 'POST', `/v1/farms/${farm.farmId}/products`, {
      body: { fruit: '감귤', variety: 'x' },
    });
    expect(anonymous.status).toBe(401);
  });
});

describe('validation', () => {
  it('names each bad field with a Korean and English message', async () => {
    const farm = await seedFarm(h);
    const { productId } = await seedOffer(h, farm);
    const response = await call(h, 'POST', `/v1/farms/${farm.farmId}/products/${productId}/offers`, {
      token: farm.token,
      body: { grade: '최상', packKg: 0, priceKrw: -5 },
    });
    expect(response.status).toBe(400);
    const problem = response.problem;
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((error) => error.field).sort()).toEqual(['grade', 'packKg', 'priceKrw']);
    expect(problem.errors?.find((error) => error.field === 'grade')?.message).toMatch(/등급.*Grade/);
  });

  it('refuses a future harvest date, a duplicate lot code and a duplicate offer', async () => {
    const farm = await seedFarm(h);
    const { productId, offerId } = await seedOffer(h, farm);
    const lots = `/v1/farms/${farm.farmId}/offers/${offerId}/lots`;
    const future = await call(h, 'POST', lots, {
      token: farm.token,
      body: { lotCode: 'F-1', harvestedOn: daysAgo(h, -2), boxesHarvested: 10 },
    });
    expect(future.status).toBe(400);
    const lot = { lotCode: 'D-1', harvestedOn: daysAgo(h, 1), boxesHarvested: 10 };
    expect((await call(h, 'POST', lots, { token: farm.token, body: lot })).status).toBe(201);
    const again = await call(h, 'POST', lots, { token: farm.token, body: lot });
    expect(again.problem).toMatchObject({ status: 409, code: 'lot_code_exists' });
    const offer = await call(h, 'POST', `/v1/farms/${farm.farmId}/products/${productId}/offers`, {
      token: farm.token,
      body: { grade: '특', packKg: 5, priceKrw: 1000 },
    });
    expect(offer.problem).toMatchObject({ status: 409, code: 'offer_exists' });
  });
});
