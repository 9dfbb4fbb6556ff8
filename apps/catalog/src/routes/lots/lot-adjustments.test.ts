import { newId } from '@fruitables/core';
import { type TestResponse, withId } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogHarness, call, createHarness, daysAgo, seedFarm } from '../../testing/harness.ts';
import { lotOnSale, placeHold, settleHold, stockEvents } from '../../testing/stock.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-lot-adjustments');
});
afterAll(async () => {
  await h.close();
});

interface Farm {
  farmId: string;
  accountId: string;
  token: string;
}

interface AuditRow {
  lot_id: string;
  farm_id: string;
  account_id: string | null;
  previous_on_hand: number;
  on_hand: number;
  reason: string;
  note: string;
  created_at: Date;
}

const adjust = (farm: Farm, lotId: string, body: unknown, token = farm.token) =>
  call(h, 'POST', `/v1/farms/${farm.farmId}/lots/${lotId}/adjustments`, { token, body });

async function lotCounts(lotId: string) {
  const [row] = await h.owner<{ on_hand: number; reserved: number; sold: number }[]>`
    select on_hand, reserved, sold from catalog.lots where id = ${lotId}`;
  return row;
}

const auditOf = (lotId: string) =>
  h.owner<AuditRow[]>`select * from catalog.lot_adjustments where lot_id = ${lotId} order by created_at, id`;

describe('adjusting a lot', () => {
  it('records damage: lowers on hand, answers the lot as the inventory shows it and writes the audit row', async () => {
    const { farm, lotId } = await lotOnSale(h, 40);
    const response = await adjust(farm, lotId, { onHand: 37, reason: 'damage', note: ' 운송 중 3상자 파손 ' });
    expect(response.status).toBe(200);
    const lot = response.json;
    expect(lot).toEqual({
      id: lotId,
      lotCode: 'LOT-1',
      harvestedOn: daysAgo(h, 2),
      boxesHarvested: 40,
      brix: null,
      onHand: 37,
      reserved: 0,
      sold: 0,
      withinMaxAge: true,
      lastSellableOn: expect.any(String),
      endedAt: null,
      photos: [],
    });
    expect(await lotCounts(lotId)).toEqual({ on_hand: 37, reserved: 0, sold: 0 });
    expect(await auditOf(lotId)).toEqual([
      expect.objectContaining({
        lot_id: lotId,
        farm_id: farm.farmId,
        account_id: farm.accountId,
        previous_on_hand: 40,
        on_hand: 37,
        reason: 'damage',
        note: '운송 중 3상자 파손',
        created_at: h.clock.now(),
      }),
    ]);
  });

  it('records a recount up to the harvest minus sales, and a recount that finds the same number', async () => {
    const { farm, offerId, lotId } = await lotOnSale(h, 10);
    const held = (await placeHold(h, offerId, 2)).parse(withId);
    expect((await settleHold(h, held.id, 'confirm')).status).toBe(200);
    expect((await adjust(farm, lotId, { onHand: 5, reason: 'damage' })).status).toBe(200);
    // 10 harvested, 2 sold: 8 is the most that can be on hand.
    const up = await adjust(farm, lotId, { onHand: 8, reason: 'recount', note: '창고 재고 조사' });
    expect(up.json).toMatchObject({ onHand: 8, sold: 2 });
    expect((await adjust(farm, lotId, { onHand: 8, reason: 'recount' })).status).toBe(200);
    const audit = await auditOf(lotId);
    expect(audit.map((row) => [row.reason, row.previous_on_hand, row.on_hand, row.note])).toEqual([
      ['damage', 8, 5, ''],
      ['recount', 5, 8, '창고 재고 조사'],
      ['recount', 8, 8, ''],
    ]);
  });

  it('announces stock crossings through the outbox like holds do, and nothing when the state stays', async () => {
    const { farm, offerId, lotId } = await lotOnSale(h, 100);
    await adjust(farm, lotId, { onHand: 90, reason: 'damage' });
    await adjust(farm, lotId, { onHand: 10, reason: 'damage' });
    await adjust(farm, lotId, { onHand: 0, reason: 'damage' });
    await adjust(farm, lotId, { onHand: 50, reason: 'recount' });
    expect(await stockEvents(h, offerId)).toEqual([
      'sold_out>in_stock',
      'in_stock>low',
      'low>sold_out',
      'sold_out>in_stock',
    ]);
    const [offer] = await h.owner<{ stock_state: string }[]>`
      select stock_state from catalog.offers where id = ${offerId}`;
    expect(offer?.stock_state).toBe('in_stock');
  });

  it('lets an admin adjust any farm’s lot, recording the admin’s account', async () => {
    const { farm, lotId } = await lotOnSale(h, 20);
    const adminId = newId();
    const response = await adjust(
      farm,
      lotId,
      { onHand: 19, reason: 'damage' },
      await h.signer.admin({ sub: adminId }),
    );
    expect(response.status).toBe(200);
    expect((await auditOf(lotId))[0]?.account_id).toBe(adminId);
  });
});

describe('refused adjustments (problem+json, nothing written)', () => {
  async function expectRefused(response: TestResponse, status: number, code: string, field: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = response.problem;
    expect(problem.code).toBe(code);
    expect(problem.errors?.map((error) => error.field)).toContain(field);
    const message = problem.errors?.find((error) => error.field === field)?.message ?? '';
    // Korean first, then English.
    expect(message).toMatch(/^[^A-Za-z]*[가-힣]/);
    expect(message).toMatch(/[A-Za-z]{3,}/);
    return problem;
  }

  it('refuses fewer boxes than are held for checkouts (409), saying how many are held', async () => {
    const { farm, offerId, lotId } = await lotOnSale(h, 10);
    expect((await placeHold(h, offerId, 3)).status).toBe(201);
    const problem = await expectRefused(
      await adjust(farm, lotId, { onHand: 2, reason: 'damage' }),
      409,
      'on_hand_below_reserved',
      'onHand',
    );
    expect(problem.detail).toContain('3상자');
    expect(problem.detail).toContain('at least 3');
    // Exactly the held boxes is fine: nothing left to sell, the held ones still ship.
    expect((await adjust(farm, lotId, { onHand: 3, reason: 'damage' })).json).toMatchObject({
      onHand: 3,
      reserved: 3,
    });
    expect(await auditOf(lotId)).toHaveLength(1);
  });

  it('refuses more boxes than the harvest minus sales (409)', async () => {
    const { farm, offerId, lotId } = await lotOnSale(h, 10);
    const held = (await placeHold(h, offerId, 4)).parse(withId);
    await settleHold(h, held.id, 'confirm');
    const problem = await expectRefused(
      await adjust(farm, lotId, { onHand: 7, reason: 'recount' }),
      409,
      'on_hand_over_harvest',
      'onHand',
    );
    expect(problem.detail).toContain('at most 6');
    expect(await lotCounts(lotId)).toEqual({ on_hand: 6, reserved: 0, sold: 4 });
    expect(await auditOf(lotId)).toEqual([]);
  });

  it('refuses damage that does not lower the count (409), pointing to recount', async () => {
    const { farm, lotId } = await lotOnSale(h, 10);
    const problem = await expectRefused(
      await adjust(farm, lotId, { onHand: 10, reason: 'damage' }),
      409,
      'damage_must_lower_on_hand',
      'onHand',
    );
    expect(problem.detail).toContain('recount');
    expect(await auditOf(lotId)).toEqual([]);
  });

  it.each([
    ['a negative count', { onHand: -1, reason: 'damage' }, 'onHand'],
    ['a fraction of a box', { onHand: 2.5, reason: 'damage' }, 'onHand'],
    ['a count as text', { onHand: '5', reason: 'damage' }, 'onHand'],
    ['a count past any lot', { onHand: 2_147_483_648, reason: 'recount' }, 'onHand'],
    ['no count', { reason: 'damage' }, 'onHand'],
    ['an unknown reason', { onHand: 5, reason: 'theft' }, 'reason'],
    ['the reason only ending a lot uses', { onHand: 5, reason: 'ended' }, 'reason'],
    ['no reason', { onHand: 5 }, 'reason'],
    ['a note over 200 characters', { onHand: 5, reason: 'damage', note: '가'.repeat(201) }, 'note'],
    ['a note that is not text', { onHand: 5, reason: 'damage', note: 5 }, 'note'],
    ['an unknown field', { onHand: 5, reason: 'damage', lotId: newId() }, 'lotId'],
    ['an array instead of an object', [{ onHand: 5, reason: 'damage' }], 'body'],
  ])('refuses %s with 400 naming the field', async (_, body, field) => {
    const { farm, lotId } = await lotOnSale(h, 10);
    await expectRefused(await adjust(farm, lotId, body), 400, 'validation_failed', field);
    expect(await lotCounts(lotId)).toEqual({ on_hand: 10, reserved: 0, sold: 0 });
    expect(await auditOf(lotId)).toEqual([]);
  });

  it('refuses malformed JSON and a missing body with 4xx problem+json', async () => {
    const { farm, lotId } = await lotOnSale(h, 10);
    const path = `/v1/farms/${farm.farmId}/lots/${lotId}/adjustments`;
    const headers = { authorization: `Bearer ${farm.token}`, 'content-type': 'application/json' };
    const malformed = await h.app.request(path, { method: 'POST', headers, body: '{"onHand": 5,' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    const empty = await h.app.request(path, { method: 'POST', headers: { authorization: headers.authorization } });
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);
    expect(empty.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('whose lot', () => {
  it("answers 404 to another farm's farmer and to shoppers, exactly like the inventory does", async () => {
    const { farm, lotId } = await lotOnSale(h, 10);
    const other = await seedFarm(h, '옆농원');
    const path = `/v1/farms/${farm.farmId}/lots/${lotId}/adjustments`;
    const body = { onHand: 5, reason: 'damage' };
    const intruder = await call(h, 'POST', path, { token: other.token, body });
    expect(intruder.status).toBe(404);
    expect(intruder.json).toMatchObject({ code: 'farm_not_found' });
    expect((await call(h, 'POST', path, { token: await h.signer.shopper(), body })).status).toBe(404);
    expect((await call(h, 'POST', path, { body })).status).toBe(401);
    expect(await lotCounts(lotId)).toEqual({ on_hand: 10, reserved: 0, sold: 0 });
  });

  it("answers 404 for another farm's lot under one's own farm, an unknown lot, and 400 for a malformed id", async () => {
    const { lotId } = await lotOnSale(h, 10);
    const mine = await seedFarm(h, '내농원');
    const body = { onHand: 5, reason: 'damage' };
    const foreign = await adjust(mine, lotId, body);
    expect(foreign.status).toBe(404);
    expect(foreign.json).toMatchObject({ code: 'lot_not_found' });
    expect((await adjust(mine, newId(), body)).status).toBe(404);
    const admin = await h.signer.admin();
    expect(
      (await call(h, 'POST', `/v1/farms/${newId()}/lots/${lotId}/adjustments`, { token: admin, body })).status,
    ).toBe(404);
    const malformed = await adjust(mine, 'not-a-lot', body);
    expect(malformed.status).toBe(400);
    expect(malformed.problem.errors?.[0]?.field).toBe('param.lotId');
    expect(await lotCounts(lotId)).toEqual({ on_hand: 10, reserved: 0, sold: 0 });
  });
});

describe('adjustments racing holds', () => {
  it('never both succeed past the stock: one waits for the other under the lot lock, no 500s', async () => {
    const rounds = 15;
    const outcomes = await Promise.all(
      Array.from({ length: rounds }, async (_, round) => {
        const { farm, offerId, lotId } = await lotOnSale(h, 10);
        // Either the hold of 6 goes first (then 5 on hand is below the 6 held) or the
        // adjustment does (then 6 cannot be held from 5): never both. The adjustment starts
        // 0-4 ms after the hold depending on the round, so both orders and overlaps occur.
        const late = async () => {
          await Bun.sleep(round % 5);
          return adjust(farm, lotId, { onHand: 5, reason: 'damage' });
        };
        const [held, adjusted] = await Promise.all([placeHold(h, offerId, 6), late()]);
        return {
          held: held.status,
          adjusted: adjusted.status,
          lot: await lotCounts(lotId),
          audit: await auditOf(lotId),
        };
      }),
    );
    for (const outcome of outcomes) {
      expect([
        [201, 409],
        [409, 200],
      ]).toContainEqual([outcome.held, outcome.adjusted]);
      if (outcome.held === 201) {
        expect(outcome.lot).toEqual({ on_hand: 10, reserved: 6, sold: 0 });
        expect(outcome.audit).toEqual([]);
      } else {
        expect(outcome.lot).toEqual({ on_hand: 5, reserved: 0, sold: 0 });
        expect(outcome.audit.map((row) => [row.previous_on_hand, row.on_hand])).toEqual([[10, 5]]);
      }
    }
  });
});
