import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireHolds } from '../../domain/settle-hold.ts';
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
import { holdSchema } from './schema.ts';

let h: CatalogHarness;
let service: string;
beforeAll(async () => {
  h = await createHarness('catalog-holds');
  service = await ordersServiceToken(h.signer);
});
afterAll(async () => {
  await h.close();
});

const hold = (lines: { offerId: string; quantity: number }[], key = crypto.randomUUID(), ttlSeconds?: number) =>
  call(h, 'POST', '/internal/v1/holds', {
    token: service,
    headers: { 'idempotency-key': key },
    body: { lines, ...(ttlSeconds === undefined ? {} : { ttlSeconds }) },
  });

async function lotCounts(lotId: string) {
  const [row] = await h.owner<{ on_hand: number; reserved: number; sold: number }[]>`
    select on_hand, reserved, sold from catalog.lots where id = ${lotId}`;
  return row;
}

describe('holding stock', () => {
  it('allocates the oldest sellable lot first and skips lots past the fruit’s max age', async () => {
    const farm = await seedFarm(h);
    // 딸기 (strawberries) stay on sale 5 days.
    const { offerId } = await seedOffer(h, farm, { fruit: '딸기', variety: '설향' });
    await seedLot(h, farm, offerId, { lotCode: 'OLD', harvestedOn: daysAgo(h, 5), boxesHarvested: 50 });
    const older = await seedLot(h, farm, offerId, { lotCode: 'D4', harvestedOn: daysAgo(h, 4), boxesHarvested: 3 });
    const newer = await seedLot(h, farm, offerId, { lotCode: 'D1', harvestedOn: daysAgo(h, 1), boxesHarvested: 10 });
    const response = await hold([{ offerId, quantity: 5 }]);
    expect(response.status).toBe(201);
    const body = response.parse(holdSchema);
    expect(body.lines.map((line) => [line.lotCode, line.quantity])).toEqual([
      ['D4', 3],
      ['D1', 2],
    ]);
    expect(await lotCounts(older)).toEqual({ on_hand: 3, reserved: 3, sold: 0 });
    expect(await lotCounts(newer)).toEqual({ on_hand: 10, reserved: 2, sold: 0 });
  });

  it('answers the same hold for the same Idempotency-Key and reserves only once', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    const lotId = await seedLot(h, farm, offerId, { lotCode: 'L1', harvestedOn: daysAgo(h, 1), boxesHarvested: 20 });
    const key = crypto.randomUUID();
    const [first, second] = await Promise.all([
      hold([{ offerId, quantity: 4 }], key),
      hold([{ offerId, quantity: 4 }], key),
    ]);
    const statuses = [first?.status, second?.status].sort();
    expect(statuses).toEqual([200, 201]);
    const ids = new Set([first.parse(holdSchema).id, second.parse(holdSchema).id]);
    expect(ids.size).toBe(1);
    expect(await lotCounts(lotId)).toMatchObject({ reserved: 4 });
    const reused = await hold([{ offerId, quantity: 5 }], key);
    expect(reused.json).toMatchObject({ status: 409, code: 'idempotency_key_reused' });
  });

  it('refuses the whole hold with 409 sold_out when one line cannot be filled', async () => {
    const farm = await seedFarm(h);
    const a = await seedOffer(h, farm, { variety: '홍로' });
    const b = await seedOffer(h, farm, { variety: '감홍' });
    const lotA = await seedLot(h, farm, a.offerId, { lotCode: 'A', harvestedOn: daysAgo(h, 1), boxesHarvested: 10 });
    await seedLot(h, farm, b.offerId, { lotCode: 'B', harvestedOn: daysAgo(h, 1), boxesHarvested: 1 });
    const response = await hold([
      { offerId: a.offerId, quantity: 2 },
      { offerId: b.offerId, quantity: 2 },
    ]);
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.json).toMatchObject({ code: 'sold_out' });
    expect(await lotCounts(lotA)).toMatchObject({ reserved: 0 });
  });

  it('needs a service token', async () => {
    const response = await call(h, 'POST', '/internal/v1/holds', {
      token: await h.signer.admin(),
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { lines: [{ offerId: crypto.randomUUID(), quantity: 1 }] },
    });
    expect(response.status).toBe(403);
  });
});

describe('settling holds', () => {
  it('confirms: reserved boxes become sold and the lines keep their lot ids', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    const lotId = await seedLot(h, farm, offerId, { lotCode: 'C1', harvestedOn: daysAgo(h, 1), boxesHarvested: 10 });
    const held = (await hold([{ offerId, quantity: 3 }])).parse(holdSchema);
    const path = `/internal/v1/holds/${held.id}/confirm`;
    const confirmed = await call(h, 'POST', path, { token: service });
    expect(confirmed.json).toMatchObject({ status: 'confirmed', lines: [{ lotId, quantity: 3 }] });
    expect((await call(h, 'POST', path, { token: service })).status).toBe(200);
    expect(await lotCounts(lotId)).toEqual({ on_hand: 7, reserved: 0, sold: 3 });
    const release = await call(h, 'POST', `/internal/v1/holds/${held.id}/release`, { token: service });
    expect(release.json).toMatchObject({ status: 409, code: 'hold_confirmed' });
  });

  it('releases: the boxes go back on sale and the offer is announced back in stock', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    const lotId = await seedLot(h, farm, offerId, { lotCode: 'R1', harvestedOn: daysAgo(h, 1), boxesHarvested: 10 });
    const held = (await hold([{ offerId, quantity: 10 }])).parse(holdSchema);
    const before = (await outboxTypes(h)).length;
    await call(h, 'POST', `/internal/v1/holds/${held.id}/release`, { token: service });
    expect(await lotCounts(lotId)).toEqual({ on_hand: 10, reserved: 0, sold: 0 });
    expect((await outboxTypes(h)).slice(before)).toEqual(['StockLevelChanged']);
  });

  it('expires overdue holds, puts their boxes back and announces ReservationExpired', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    const lotId = await seedLot(h, farm, offerId, { lotCode: 'E1', harvestedOn: daysAgo(h, 1), boxesHarvested: 10 });
    const held = (await hold([{ offerId, quantity: 2 }], crypto.randomUUID(), 60)).parse(holdSchema);
    expect(await expireHolds(h.ctx)).toBe(0);
    h.clock.advance(61_000);
    const confirm = await call(h, 'POST', `/internal/v1/holds/${held.id}/confirm`, { token: service });
    expect(confirm.json).toMatchObject({ status: 409, code: 'hold_expired' });
    expect(await expireHolds(h.ctx)).toBeGreaterThanOrEqual(1);
    expect(await lotCounts(lotId)).toMatchObject({ reserved: 0 });
    const [event] = await h.owner<{ data: { holdId: string; lines: unknown[] } }[]>`
      select envelope->'data' as data from catalog.outbox where type = 'ReservationExpired' and envelope->>'aggregateId' = ${held.id}`;
    expect(event?.data).toMatchObject({ holdId: held.id, lines: [{ offerId, lotId, quantity: 2 }] });
  });
});

describe('stock states', () => {
  it('announces only crossings: in_stock → low → sold_out', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    await seedLot(h, farm, offerId, { lotCode: 'S1', harvestedOn: daysAgo(h, 1), boxesHarvested: 100 });
    for (const quantity of [50, 39, 1, 1, 9]) await hold([{ offerId, quantity }]);
    const rows = await h.owner<{ data: { previousState: string; state: string } }[]>`
      select envelope->'data' as data from catalog.outbox
      where type = 'StockLevelChanged' and envelope->>'aggregateId' = ${offerId} order by seq`;
    expect(rows.map((row) => `${row.data.previousState}>${row.data.state}`)).toEqual([
      'sold_out>in_stock',
      'in_stock>low',
      'low>sold_out',
    ]);
  });

  it('keeps stock sane even against direct SQL: the database refuses negative or over-reserved stock', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    const lotId = await seedLot(h, farm, offerId, { lotCode: 'K1', harvestedOn: daysAgo(h, 1), boxesHarvested: 5 });
    await expect(h.sql`update catalog.lots set on_hand = -1 where id = ${lotId}`).rejects.toThrow(/check constraint/);
    await expect(h.sql`update catalog.lots set reserved = 6 where id = ${lotId}`).rejects.toThrow(/check constraint/);
    await expect(h.sql`update catalog.lots set sold = 1 where id = ${lotId}`).rejects.toThrow(/check constraint/);
  });
});
