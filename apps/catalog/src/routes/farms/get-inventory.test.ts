import { newId } from '@fruitables/core';
import { responseSchema, withId } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogHarness,
  call,
  createHarness,
  daysAgo,
  seedFarm,
  seedLot,
  seedOffer,
} from '../../testing/harness.ts';
import { png } from '../../testing/photo-fixtures.ts';
import { placeHold } from '../../testing/stock.ts';
import { getInventoryRoute } from './get-inventory.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-inventory');
});
afterAll(async () => {
  await h.close();
});

describe("the farmer's inventory", () => {
  it('lists published and unpublished products with every lot, its counts and whether it still sells', async () => {
    const farm = await seedFarm(h);
    // 키위 has no max age of its own: the harness default of 30 days applies.
    const { offerId } = await seedOffer(h, farm, { fruit: '키위', variety: '골드' });
    await seedLot(h, farm, offerId, { lotCode: 'INV-OLD', harvestedOn: daysAgo(h, 31), boxesHarvested: 10 });
    await seedLot(h, farm, offerId, { lotCode: 'INV-NEW', harvestedOn: daysAgo(h, 1), boxesHarvested: 20 });
    const held = await placeHold(h, offerId, 3);
    expect(held.status).toBe(201);
    const draft = await call(h, 'POST', `/v1/farms/${farm.farmId}/products`, {
      token: farm.token,
      body: { fruit: '배', variety: '신고' },
    });
    expect(draft.status).toBe(201);

    const response = await call(h, 'GET', `/v1/farms/${farm.farmId}/inventory`, { token: farm.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const { products } = response.parse(responseSchema(getInventoryRoute, 200));
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
    expect(products[1]?.offers[0]?.lots.map((lot) => [lot.endedAt, lot.photos])).toEqual([
      [null, []],
      [null, []],
    ]);
  });

  it("shows when a lot was ended and every lot's photos, oldest first", async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm, { fruit: '자두', variety: '추희' });
    const pictured = await seedLot(h, farm, offerId, {
      lotCode: 'PIC',
      harvestedOn: daysAgo(h, 1),
      boxesHarvested: 10,
    });
    const ended = await seedLot(h, farm, offerId, { lotCode: 'END', harvestedOn: daysAgo(h, 2), boxesHarvested: 10 });
    const photoIds: string[] = [];
    for (const alt of ['상자 포장', '수확 현장']) {
      const form = new FormData();
      form.append('file', new File([Buffer.from(await png(400, 300))], 'lot.png', { type: 'image/png' }));
      form.append('subjectType', 'lot');
      form.append('subjectId', pictured);
      form.append('alt', alt);
      const uploaded = await h.client.post(`/v1/farms/${farm.farmId}/photos`, { token: farm.token, body: form });
      expect(uploaded.status).toBe(201);
      photoIds.push(uploaded.parse(withId).id);
      h.clock.advance(1_000);
    }
    const endedAt = h.clock.now().toISOString();
    expect((await call(h, 'POST', `/v1/farms/${farm.farmId}/lots/${ended}/end`, { token: farm.token })).status).toBe(
      200,
    );

    const { products } = (await call(h, 'GET', `/v1/farms/${farm.farmId}/inventory`, { token: farm.token })).parse(
      responseSchema(getInventoryRoute, 200),
    );
    const lots = products[0]?.offers[0]?.lots ?? [];
    expect(lots.map((lot) => [lot.lotCode, lot.endedAt, lot.onHand])).toEqual([
      ['PIC', null, 10],
      ['END', endedAt, 0],
    ]);
    expect(lots[0]?.photos.map((photo) => [photo.id, photo.subjectType, photo.subjectId, photo.alt])).toEqual([
      [photoIds[0], 'lot', pictured, '상자 포장'],
      [photoIds[1], 'lot', pictured, '수확 현장'],
    ]);
    expect(lots[0]?.photos[0]?.variants[0]?.url).toMatch(/^\/api\/catalog\/v1\/media\/.+\.webp$/);
    expect(lots[1]?.photos).toEqual([]);
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
