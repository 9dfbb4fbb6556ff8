import { newId } from '@fruitables/core';
import { responseSchema, withId } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicProductSchema } from '../../contract/public-reads.ts';
import { announceAgedOutStock } from '../../domain/age-out.ts';
import { expireHolds } from '../../domain/settle-hold.ts';
import {
  type CatalogHarness,
  call,
  createHarness,
  daysAgo,
  outboxTypes,
  seedFarm,
  seedLot,
} from '../../testing/harness.ts';
import { lotOnSale, placeHold, settleHold, stockEvents } from '../../testing/stock.ts';
import { holdSchema } from '../holds/schema.ts';
import { searchPageSchema } from '../search/schema.ts';
import { endLotRoute } from './end-lot.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-end-lot');
});
afterAll(async () => {
  await h.close();
});

interface Farm {
  farmId: string;
  token: string;
}

const end = (farm: Farm, lotId: string, body?: unknown, token = farm.token) =>
  call(h, 'POST', `/v1/farms/${farm.farmId}/lots/${lotId}/end`, { token, ...(body === undefined ? {} : { body }) });

async function lotRow(lotId: string) {
  const [row] = await h.owner<{ on_hand: number; reserved: number; sold: number; ended: boolean }[]>`
    select on_hand, reserved, sold, ended_at is not null as ended from catalog.lots where id = ${lotId}`;
  return row;
}

const auditOf = (lotId: string) =>
  h.owner<{ account_id: string | null; previous_on_hand: number; on_hand: number; reason: string; note: string }[]>`
    select account_id, previous_on_hand, on_hand, reason, note from catalog.lot_adjustments
    where lot_id = ${lotId} order by created_at, id`;

async function offerColumns(offerId: string) {
  const [row] = await h.owner<{ stock_state: string; newest: string | null; sold: number }[]>`
    select stock_state, newest_harvest_on::text as newest, sold_boxes as sold from catalog.offers where id = ${offerId}`;
  return row;
}

describe('ending a lot', () => {
  it('withdraws the unreserved boxes, keeps the held ones, records an "ended" adjustment and announces sold_out', async () => {
    const { farm, offerId, lotId } = await lotOnSale(h, 10);
    const held = await placeHold(h, offerId, 3);
    expect(held.status).toBe(201);
    const response = await end(farm, lotId, { note: '우박 피해로 조기 종료' });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      id: lotId,
      onHand: 3,
      reserved: 3,
      sold: 0,
      endedAt: h.clock.now().toISOString(),
      photos: [],
    });
    expect(await lotRow(lotId)).toEqual({ on_hand: 3, reserved: 3, sold: 0, ended: true });
    expect(await auditOf(lotId)).toEqual([
      {
        account_id: farm.accountId,
        previous_on_hand: 10,
        on_hand: 3,
        reason: 'ended',
        note: '우박 피해로 조기 종료',
      },
    ]);
    expect(await stockEvents(h, offerId)).toEqual(['sold_out>in_stock', 'in_stock>sold_out']);
    expect((await offerColumns(offerId))?.stock_state).toBe('sold_out');
  });

  it('announces LotEnded even when the offer crosses no stock threshold, so the product page drops the lot', async () => {
    const { farm, productId, offerId, lotId } = await lotOnSale(h, 40);
    await seedLot(h, farm, offerId, { lotCode: 'KEEP-1', harvestedOn: daysAgo(h, 1), boxesHarvested: 40 });
    const response = await end(farm, lotId);
    expect(response.status).toBe(200);
    // 40 boxes are left in the other lot: still in stock, so no StockLevelChanged…
    expect(await stockEvents(h, offerId)).toEqual(['sold_out>in_stock']);
    // …but the shop still hears that this lot ended.
    const rows = await h.owner<{ data: Record<string, unknown> }[]>`
      select envelope->'data' as data from catalog.outbox
      where type = 'LotEnded' and envelope->>'aggregateId' = ${lotId}`;
    expect(rows.map((row) => row.data)).toEqual([
      {
        lotId,
        lotCode: expect.any(String),
        offerId,
        productId,
        farmId: farm.farmId,
        endedAt: h.clock.now().toISOString(),
      },
    ]);
  });

  it('is never allocated to a new hold again, even when it is the oldest lot', async () => {
    const { farm, offerId, lotId } = await lotOnSale(h, 10);
    expect((await end(farm, lotId)).status).toBe(200);
    const refused = await placeHold(h, offerId, 1);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({ code: 'sold_out' });
    const fresh = await seedLot(h, farm, offerId, { lotCode: 'END-2', harvestedOn: daysAgo(h, 1), boxesHarvested: 5 });
    const taken = (await placeHold(h, offerId, 2)).parse(holdSchema);
    expect(taken.lines).toEqual([expect.objectContaining({ lotId: fresh, quantity: 2 })]);
    expect(await lotRow(lotId)).toEqual({ on_hand: 0, reserved: 0, sold: 0, ended: true });
  });

  it('withdraws the boxes a released hold gives back instead of putting them on sale', async () => {
    const { farm, offerId, lotId } = await lotOnSale(h, 10);
    const held = (await placeHold(h, offerId, 4)).parse(withId);
    await end(farm, lotId);
    const before = (await outboxTypes(h)).length;
    expect((await settleHold(h, held.id, 'release')).json).toMatchObject({ status: 'released' });
    expect(await lotRow(lotId)).toEqual({ on_hand: 0, reserved: 0, sold: 0, ended: true });
    expect(
      (await auditOf(lotId)).map((row) => [row.account_id, row.reason, row.previous_on_hand, row.on_hand]),
    ).toEqual([
      [expect.any(String), 'ended', 10, 4],
      [null, 'ended', 4, 0],
    ]);
    // Nothing came back on sale: no StockLevelChanged, and the next hold is refused.
    expect((await outboxTypes(h)).slice(before)).toEqual([]);
    expect((await placeHold(h, offerId, 1)).status).toBe(409);
  });

  it('withdraws the boxes of a hold that expires on it too', async () => {
    const { farm, offerId, lotId } = await lotOnSale(h, 10);
    const held = (await placeHold(h, offerId, 2, 60)).parse(withId);
    await end(farm, lotId);
    h.clock.advance(61_000);
    expect(await expireHolds(h.ctx)).toBeGreaterThanOrEqual(1);
    expect(await lotRow(lotId)).toEqual({ on_hand: 0, reserved: 0, sold: 0, ended: true });
    const [event] = await h.owner<{ data: { holdId: string } }[]>`
      select envelope->'data' as data from catalog.outbox where type = 'ReservationExpired' and envelope->>'aggregateId' = ${held.id}`;
    expect(event?.data.holdId).toBe(held.id);
    expect((await placeHold(h, offerId, 1)).status).toBe(409);
  });

  it('lets holds already on it be confirmed: their boxes are sold', async () => {
    const { farm, offerId, lotId } = await lotOnSale(h, 10);
    const held = (await placeHold(h, offerId, 3)).parse(withId);
    await end(farm, lotId);
    const confirmed = await settleHold(h, held.id, 'confirm');
    expect(confirmed.status).toBe(200);
    expect(confirmed.json).toMatchObject({ status: 'confirmed', lines: [{ lotId, quantity: 3 }] });
    expect(await lotRow(lotId)).toEqual({ on_hand: 0, reserved: 0, sold: 3, ended: true });
    expect((await offerColumns(offerId))?.sold).toBe(3);
  });

  it('is idempotent: ending again answers 200 with the same lot and records or announces nothing more', async () => {
    const { farm, lotId } = await lotOnSale(h, 10);
    const first = (await end(farm, lotId)).parse(responseSchema(endLotRoute, 200));
    const before = (await outboxTypes(h)).length;
    h.clock.advance(5_000);
    const again = await end(farm, lotId, { note: '다시' });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first);
    expect(await auditOf(lotId)).toHaveLength(1);
    expect((await outboxTypes(h)).slice(before)).toEqual([]);
  });

  it('refuses adjustments of an ended lot (409 lot_ended)', async () => {
    const { farm, lotId } = await lotOnSale(h, 10);
    await end(farm, lotId);
    const response = await call(h, 'POST', `/v1/farms/${farm.farmId}/lots/${lotId}/adjustments`, {
      token: farm.token,
      body: { onHand: 0, reason: 'recount' },
    });
    expect(response.status).toBe(409);
    expect(response.json).toMatchObject({
      code: 'lot_ended',
      detail: expect.stringMatching(/^판매를 종료한/),
    });
  });

  it('keeps an ended lot without a free box even against direct SQL', async () => {
    const { farm, lotId } = await lotOnSale(h, 10);
    await end(farm, lotId);
    await expect(h.sql`update catalog.lots set on_hand = 5 where id = ${lotId}`).rejects.toThrow(/check constraint/);
  });
});

describe('what shoppers see of an ended lot', () => {
  it('no longer counts in stock, freshest lot, newest harvest or the in-stock search filter', async () => {
    const fruit = `체리${newId().slice(-6)}`;
    const { farm, productId, offerId, lotId: older } = await lotOnSale(h, 8, fruit);
    // The newer lot is large: counted, it would make the older lot's 8 boxes "low" (≤ 10% of 108).
    const newer = await seedLot(h, farm, offerId, {
      lotCode: 'END-NEW',
      harvestedOn: daysAgo(h, 1),
      boxesHarvested: 100,
    });
    expect((await offerColumns(offerId))?.newest).toBe(daysAgo(h, 1));
    await end(farm, newer);

    expect(await offerColumns(offerId)).toMatchObject({ stock_state: 'in_stock', newest: daysAgo(h, 2) });
    const product = (await call(h, 'GET', `/v1/products/${productId}`)).parse(publicProductSchema);
    expect(product.offers).toEqual([
      expect.objectContaining({ stockState: 'in_stock', freshestLot: expect.objectContaining({ lotCode: 'LOT-1' }) }),
    ]);

    await end(farm, older);
    expect(await offerColumns(offerId)).toMatchObject({ stock_state: 'sold_out', newest: null });
    const after = (await call(h, 'GET', `/v1/products/${productId}`)).parse(publicProductSchema);
    expect(after.offers).toEqual([expect.objectContaining({ stockState: 'sold_out', freshestLot: null })]);
    const search = async (inStock: string) =>
      (await call(h, 'GET', `/v1/search?fruit=${fruit}&inStock=${inStock}`)).parse(searchPageSchema).items;
    expect(await search('true')).toEqual([]);
    expect(await search('false')).toEqual([expect.objectContaining({ offerId })]);
    // The age-out sweep has nothing to announce: ending already did.
    expect(await announceAgedOutStock(h.ctx)).toBe(0);
  });
});

describe('ending: input and access', () => {
  it('takes no body at all, and refuses a bad note or unknown field with 400 naming it', async () => {
    const { farm, lotId } = await lotOnSale(h, 10);
    const long = await end(farm, lotId, { note: '가'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.headers.get('content-type')).toContain('application/problem+json');
    const problem = long.problem;
    expect(problem.errors?.[0]).toMatchObject({ field: 'note', message: expect.stringMatching(/^메모\(note\)/) });
    const unknown = (await end(farm, lotId, { note: 'x', onHand: 0 })).problem;
    expect(unknown).toMatchObject({ status: 400, errors: [{ field: 'onHand' }] });
    expect((await end(farm, lotId, 'end')).problem.errors?.[0]?.field).toBe('body');
    const text = await h.app.request(`/v1/farms/${farm.farmId}/lots/${lotId}/end`, {
      method: 'POST',
      headers: { authorization: `Bearer ${farm.token}`, 'content-type': 'text/plain' },
      body: 'end it',
    });
    expect(text.status).toBe(415);
    expect(text.headers.get('content-type')).toContain('application/problem+json');
    expect(await lotRow(lotId)).toMatchObject({ ended: false, on_hand: 10 });
    const bare = await end(farm, lotId);
    expect(bare.status).toBe(200);
    expect(await auditOf(lotId)).toEqual([expect.objectContaining({ reason: 'ended', note: '' })]);
  });

  it("answers 404 to another farm's farmer, shoppers and for another farm's lot; an admin may end it", async () => {
    const { farm, lotId } = await lotOnSale(h, 10);
    const other = await seedFarm(h, '옆농원');
    const path = `/v1/farms/${farm.farmId}/lots/${lotId}/end`;
    const intruder = await call(h, 'POST', path, { token: other.token });
    expect(intruder.status).toBe(404);
    expect(intruder.json).toMatchObject({ code: 'farm_not_found' });
    expect((await call(h, 'POST', path, { token: await h.signer.shopper() })).status).toBe(404);
    expect((await call(h, 'POST', path)).status).toBe(401);
    const foreign = await end(other, lotId);
    expect(foreign.json).toMatchObject({ status: 404, code: 'lot_not_found' });
    expect(await lotRow(lotId)).toMatchObject({ ended: false });
    const adminId = newId();
    expect((await call(h, 'POST', path, { token: await h.signer.admin({ sub: adminId }) })).status).toBe(200);
    expect((await auditOf(lotId))[0]?.account_id).toBe(adminId);
  });
});
