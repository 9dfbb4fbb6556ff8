import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServiceApp } from '../testing/index.ts';
import { authenticate } from './authenticate.ts';
import { principalOf, requireFarmAccess, requireRole } from './guards.ts';
import { connectRedis, expectTokenRejected, type TestRedis } from './test-fixtures.ts';
import { bearer, createTestSigner, type TestSigner } from './testing.ts';

let redis: TestRedis;
let signer: TestSigner;
let app: ReturnType<typeof createTestServiceApp>;

const ownFarm = crypto.randomUUID();
const otherFarm = crypto.randomUUID();

beforeAll(async () => {
  redis = await connectRedis();
  signer = await createTestSigner();
  app = createTestServiceApp();
  const auth = authenticate({ keys: signer.keys, redis });
  app.get('/v1/admin/reports', auth, requireRole('admin'), (c) => c.json({ ok: true }));
  app.get('/v1/lots/manage', auth, requireRole('farmer', 'admin'), (c) => c.json({ ok: true }));
  app.get(
    '/v1/farms/:farmId/lots',
    auth,
    requireFarmAccess((c) => c.req.param('farmId')),
    (c) => c.json({ farmId: c.req.param('farmId') }),
  );
  // A route that forgot `authenticate`: the guards must still refuse, not crash or pass.
  app.get('/v1/unguarded', requireRole('admin'), (c) => c.json({ ok: true }));
  app.get('/v1/whoami', authenticate({ keys: signer.keys, redis, optional: true }), (c) =>
    c.json({ subject: principalOf(c).subject }),
  );
});
afterAll(async () => {
  await redis.close();
});

type Caller = 'shopper' | 'farmer' | 'admin' | 'service';
const tokenFor = (caller: Caller): Promise<string> => {
  switch (caller) {
    case 'shopper':
      return signer.shopper();
    case 'farmer':
      return signer.farmer([ownFarm]);
    case 'admin':
      return signer.admin();
    case 'service':
      return signer.service('orders');
  }
};
const get = async (path: string, caller?: Caller) =>
  app.request(path, { headers: caller ? bearer(await tokenFor(caller)) : {} });

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(await res.json()).toMatchObject({ status, code });
}

describe('requireRole', () => {
  it.each([
    ['admin', 200],
    ['farmer', 403],
    ['shopper', 403],
    ['service', 403],
  ] as const)('admin-only route: %s gets %i', async (caller, status) => {
    const res = await get('/v1/admin/reports', caller);
    if (status === 200) expect(res.status).toBe(200);
    else await expectProblem(res, 403, 'forbidden_role');
  });

  it.each([
    ['farmer', 200],
    ['admin', 200],
    ['shopper', 403],
  ] as const)('route for any of farmer or admin: %s gets %i', async (caller, status) => {
    const res = await get('/v1/lots/manage', caller);
    if (status === 200) expect(res.status).toBe(200);
    else await expectProblem(res, 403, 'forbidden_role');
  });

  it('answers 401 without a token', async () => {
    await expectTokenRejected(await get('/v1/admin/reports'), 'token_missing');
  });

  it('answers 401 on a route that never authenticated', async () => {
    await expectTokenRejected(await get('/v1/unguarded', 'admin'), 'token_missing');
  });
});

describe('requireFarmAccess', () => {
  it('lets a farmer manage their own farm', async () => {
    const res = await get(`/v1/farms/${ownFarm}/lots`, 'farmer');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ farmId: ownFarm });
  });

  it("answers 404, not 403, for another farmer's farm", async () => {
    await expectProblem(await get(`/v1/farms/${otherFarm}/lots`, 'farmer'), 404, 'farm_not_found');
  });

  it('answers the same 404 for a farm id that does not exist at all', async () => {
    const missing = await get(`/v1/farms/${crypto.randomUUID()}/lots`, 'farmer');
    const other = await get(`/v1/farms/${otherFarm}/lots`, 'farmer');
    const strip = ({ requestId: _, ...rest }: Record<string, unknown>) => rest;
    expect(strip(await missing.json())).toEqual(strip(await other.json()));
  });

  it('lets an admin manage any farm', async () => {
    expect((await get(`/v1/farms/${otherFarm}/lots`, 'admin')).status).toBe(200);
  });

  it('answers 404 to a shopper', async () => {
    await expectProblem(await get(`/v1/farms/${ownFarm}/lots`, 'shopper'), 404, 'farm_not_found');
  });

  it('answers 404 to a service token', async () => {
    await expectProblem(await get(`/v1/farms/${ownFarm}/lots`, 'service'), 404, 'farm_not_found');
  });

  it('answers 401 without a token', async () => {
    await expectTokenRejected(await get(`/v1/farms/${ownFarm}/lots`), 'token_missing');
  });
});

describe('principalOf', () => {
  it('returns the caller when there is one', async () => {
    const token = await signer.shopper({ sub: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b' });
    const res = await app.request('/v1/whoami', { headers: bearer(token) });
    expect(await res.json()).toEqual({ subject: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b' });
  });

  it('answers 401 when an optional route is reached anonymously', async () => {
    await expectTokenRejected(await app.request('/v1/whoami'), 'token_missing');
  });
});
