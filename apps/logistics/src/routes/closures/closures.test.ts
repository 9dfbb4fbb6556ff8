import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closureListSchema, closureSchema } from '../../contract/closures.ts';
import { promiseSchema } from '../../contract/promise.ts';
import { call, createHarness, type LogisticsHarness } from '../../testing/harness.ts';

let h: LogisticsHarness;
beforeAll(async () => {
  h = await createHarness('logistics-closures');
});
afterAll(async () => {
  await h.close();
});

describe('closures', () => {
  it('an admin closes pick-ups for a typhoon; the promise skips those days until reopened', async () => {
    const admin = await h.signer.admin();
    const farmId = crypto.randomUUID();
    const earliest = async () =>
      (await call(h, 'POST', '/v1/promise', { body: { farms: [{ farmId, boxes: 1 }] } })).parse(promiseSchema).farms[0]
        ?.earliest?.dispatchDate;
    expect(await earliest()).toBe('2026-12-08');
    const created = await call(h, 'POST', '/v1/admin/closures', {
      token: admin,
      body: { startsOn: '2026-12-08', endsOn: '2026-12-09', scope: 'dispatch', reason: '태풍으로 택배 집하 중단' },
    });
    expect(created.status).toBe(201);
    const closure = created.parse(closureSchema);
    expect(await earliest()).toBe('2026-12-10');
    const list = (await call(h, 'GET', '/v1/admin/closures', { token: admin })).parse(closureListSchema);
    expect(list.items.map((item) => item.id)).toContain(closure.id);
    expect((await call(h, 'DELETE', `/v1/admin/closures/${closure.id}`, { token: admin })).status).toBe(200);
    expect(await earliest()).toBe('2026-12-08');
    expect((await call(h, 'DELETE', `/v1/admin/closures/${closure.id}`, { token: admin })).status).toBe(404);
  });

  it('refuses a range that ends before it starts, and anyone but an admin', async () => {
    const admin = await h.signer.admin();
    const body = { startsOn: '2026-12-10', endsOn: '2026-12-09', scope: 'all', reason: '파업' };
    const backwards = await call(h, 'POST', '/v1/admin/closures', { token: admin, body });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.json)).toContain('endsOn');
    const farmer = await call(h, 'POST', '/v1/admin/closures', {
      token: await h.signer.farmer([crypto.randomUUID()]),
      body: { ...body, endsOn: '2026-12-11' },
    });
    expect(farmer.status).toBe(403);
  });
});

describe('the hub’s dawn capacity per date', () => {
  it('an admin raises one date’s capacity; the promise and bookings follow it', async () => {
    const admin = await h.signer.admin();
    const path = '/v1/admin/hub-capacity/2026-12-17';
    expect((await call(h, 'GET', path, { token: admin })).json).toMatchObject({
      capacity: 2_000,
      booked: 0,
      customised: false,
    });
    const saved = await call(h, 'PUT', path, { token: admin, body: { capacity: 0 } });
    expect(saved.json).toMatchObject({ capacity: 0, customised: true });
    const promise = (
      await call(h, 'POST', '/v1/promise', { body: { farms: [{ farmId: crypto.randomUUID(), boxes: 1 }] } })
    ).parse(promiseSchema);
    expect(promise.farms[0]?.dates.find((option) => option.date === '2026-12-17')?.available).toBe(false);
    const farmer = await call(h, 'PUT', path, {
      token: await h.signer.farmer([crypto.randomUUID()]),
      body: { capacity: 5 },
    });
    expect(farmer.status).toBe(403);
  });
});
