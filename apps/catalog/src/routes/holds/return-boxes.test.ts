import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogHarness,
  call,
  createHarness,
  daysAgo,
  ordersServiceToken,
  outboxTypes,
  seedFarm,
  seedLot,
  seedOffer,
} from '../../testing/harness.ts';
import { holdReturnSchema, holdSchema } from './schema.ts';

let h: CatalogHarness;
let service: string;
beforeAll(async () => {
  h = await createHarness('catalog-hold-returns');
  service = await ordersServiceToken(h.signer);
});
afterAll(async () => {
  await h.close();
});

async function soldHold(offerId: string, quantity: number) {
  const held = (
    await call(h, 'POST', '/internal/v1/holds', {
      token: service,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { lines: [{ offerId, quantity }] },
    })
  ).parse(holdSchema);
  await call(h, 'POST', `/internal/v1/holds/${held.id}/confirm`, { token: service });
  return held;
}

const giveBack = (
  holdId: string,
  lines: { lotId: string; quantity: number }[],
  key: string,
  reason: 'cancelled' | 'shortage' = 'cancelled',
) =>
  call(h, 'POST', `/internal/v1/holds/${holdId}/returns`, {
    token: service,
    headers: { 'idempotency-key': key },
    body: { reason, lines },
  });

async function lotCounts(lotId: string) {
  const [row] = await h.owner<{ on_hand: number; reserved: number; sold: number }[]>`
    select on_hand, reserved, sold from catalog.lots where id = ${lotId}`;
  return row;
}

describe('returning confirmed boxes', () => {
  it('puts a cancelled order’s boxes back on sale once per key and announces the offer back in stock', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    const lotId = await seedLot(h, farm, offerId, { lotCode: 'RT1', harvestedOn: daysAgo(h, 1), boxesHarvested: 4 });
    const held = await soldHold(offerId, 4);
    expect(await lotCounts(lotId)).toEqual({ on_hand: 0, reserved: 0, sold: 4 });
    const before = (await outboxTypes(h)).length;
    const key = `cancel-${crypto.randomUUID()}`;
    const [first, second] = await Promise.all([
      giveBack(held.id, [{ lotId, quantity: 3 }], key),
      giveBack(held.id, [{ lotId, quantity: 3 }], key),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.parse(holdReturnSchema)).toEqual(second.parse(holdReturnSchema));
    expect(first.json).toMatchObject({
      reason: 'cancelled',
      lines: [{ offerId, lotId, quantity: 3, restocked: true }],
    });
    expect(await lotCounts(lotId)).toEqual({ on_hand: 3, reserved: 0, sold: 1 });
    expect((await outboxTypes(h)).slice(before)).toEqual(['StockLevelChanged']);
    const reused = await giveBack(held.id, [{ lotId, quantity: 1 }], key);
    expect(reused.json).toMatchObject({ status: 409, code: 'idempotency_key_reused' });
  });

  it('never gives back more than the hold sold, across returns', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    const lotId = await seedLot(h, farm, offerId, { lotCode: 'RT2', harvestedOn: daysAgo(h, 1), boxesHarvested: 10 });
    const held = await soldHold(offerId, 2);
    expect((await giveBack(held.id, [{ lotId, quantity: 2 }], crypto.randomUUID())).status).toBe(201);
    const again = await giveBack(held.id, [{ lotId, quantity: 1 }], crypto.randomUUID());
    expect(again.json).toMatchObject({ status: 409, code: 'return_exceeds_sold' });
    const otherLot = await giveBack(held.id, [{ lotId: crypto.randomUUID(), quantity: 1 }], crypto.randomUUID());
    expect(otherLot.json).toMatchObject({ status: 409, code: 'return_exceeds_sold' });
    expect(await lotCounts(lotId)).toEqual({ on_hand: 10, reserved: 0, sold: 0 });
  });

  it('withdraws instead of restocking when the lot ended, aged out, or the boxes were short', async () => {
    const farm = await seedFarm(h);
    // 딸기 stay on sale 5 days: a lot harvested 4 days ago ages out after two more days.
    const { offerId } = await seedOffer(h, farm, { fruit: '딸기', variety: '설향' });
    const ended = await seedLot(h, farm, offerId, { lotCode: 'RT3', harvestedOn: daysAgo(h, 4), boxesHarvested: 2 });
    const heldEnded = await soldHold(offerId, 2);
    await h.owner`update catalog.lots set ended_at = now() where id = ${ended}`;
    const endedBack = await giveBack(heldEnded.id, [{ lotId: ended, quantity: 1 }], crypto.randomUUID());
    expect(endedBack.json).toMatchObject({ lines: [{ restocked: false, quantity: 1 }] });
    expect(await lotCounts(ended)).toEqual({ on_hand: 0, reserved: 0, sold: 1 });

    const aging = await seedLot(h, farm, offerId, { lotCode: 'RT4', harvestedOn: daysAgo(h, 4), boxesHarvested: 3 });
    const heldAging = await soldHold(offerId, 3);
    const short = await giveBack(heldAging.id, [{ lotId: aging, quantity: 1 }], crypto.randomUUID(), 'shortage');
    expect(short.json).toMatchObject({ reason: 'shortage', lines: [{ restocked: false }] });
    h.clock.advance(2 * 86_400_000);
    service = await ordersServiceToken(h.signer);
    const aged = await giveBack(heldAging.id, [{ lotId: aging, quantity: 1 }], crypto.randomUUID());
    expect(aged.json).toMatchObject({ lines: [{ restocked: false }] });
    expect(await lotCounts(aging)).toEqual({ on_hand: 0, reserved: 0, sold: 1 });
  });

  it('refuses a hold that is not confirmed, and needs its scope and a key', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    const lotId = await seedLot(h, farm, offerId, { lotCode: 'RT5', harvestedOn: daysAgo(h, 1), boxesHarvested: 5 });
    const held = (
      await call(h, 'POST', '/internal/v1/holds', {
        token: service,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: { lines: [{ offerId, quantity: 1 }] },
      })
    ).parse(holdSchema);
    const live = await giveBack(held.id, [{ lotId, quantity: 1 }], crypto.randomUUID());
    expect(live.json).toMatchObject({ status: 409, code: 'hold_not_confirmed' });
    const noKey = await call(h, 'POST', `/internal/v1/holds/${held.id}/returns`, {
      token: service,
      body: { reason: 'cancelled', lines: [{ lotId, quantity: 1 }] },
    });
    expect(noKey.status).toBe(400);
    const missing = await giveBack(crypto.randomUUID(), [{ lotId, quantity: 1 }], crypto.randomUUID());
    expect(missing.status).toBe(404);
    const asAdmin = await call(h, 'POST', `/internal/v1/holds/${held.id}/returns`, {
      token: await h.signer.admin(),
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { reason: 'cancelled', lines: [{ lotId, quantity: 1 }] },
    });
    expect(asAdmin.status).toBe(403);
  });
});

describe('extending a hold', () => {
  it('keeps a live hold until later (never sooner), and refuses one already settled', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    await seedLot(h, farm, offerId, { lotCode: 'EX1', harvestedOn: daysAgo(h, 1), boxesHarvested: 5 });
    const held = (
      await call(h, 'POST', '/internal/v1/holds', {
        token: service,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: { lines: [{ offerId, quantity: 1 }] },
      })
    ).parse(holdSchema);
    const later = new Date(h.clock.now().getTime() + 86_400_000).toISOString();
    const extend = (expiresAt: string) =>
      call(h, 'POST', `/internal/v1/holds/${held.id}/extend`, { token: service, body: { expiresAt } });
    expect((await extend(later)).parse(holdSchema).expiresAt).toBe(later);
    const sooner = new Date(h.clock.now().getTime() + 60_000).toISOString();
    expect((await extend(sooner)).parse(holdSchema).expiresAt).toBe(later);
    const tooFar = new Date(h.clock.now().getTime() + 8 * 86_400_000).toISOString();
    expect((await extend(tooFar)).status).toBe(400);
    await call(h, 'POST', `/internal/v1/holds/${held.id}/release`, { token: service });
    expect((await extend(later)).json).toMatchObject({ status: 409, code: 'hold_not_live' });
  });
});
