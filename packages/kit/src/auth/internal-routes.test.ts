import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServiceApp } from '../testing/index.ts';
import { authenticate } from './authenticate.ts';
import { guardInternalRoutes, serviceTokenSecurity } from './internal-routes.ts';
import { requireServiceScope } from './service-scope.ts';
import { connectRedis, type TestRedis } from './test-fixtures.ts';
import { bearer, createTestSigner, type TestSigner } from './testing.ts';

let redis: TestRedis;
let signer: TestSigner;
let app: ReturnType<typeof createTestServiceApp>;

const ok = { 200: { description: 'ok', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } } };

beforeAll(async () => {
  redis = await connectRedis();
  signer = await createTestSigner();
  app = createTestServiceApp();
  guardInternalRoutes(app, {
    authenticate: authenticate({ keys: signer.keys, redis, audience: ['fruitables', 'catalog'] }),
    audience: 'catalog',
    scopes: { 'catalog:holds': 'hold stock', 'catalog:reports': 'read reports' },
  });
  const declared = (path: string, security?: Record<string, string[]>[]) =>
    app.openapi(createRoute({ method: 'post', path, responses: ok, ...(security ? { security } : {}) }), (c) =>
      c.json({ ok: true }, 200),
    );
  declared('/internal/v1/holds/{holdId}', serviceTokenSecurity('catalog:holds'));
  declared('/internal/v1/undeclared');
  declared('/internal/v1/unknown-scope', serviceTokenSecurity('catalog:everything'));
  // Outside /internal, but declaring a service scope: guarded all the same.
  declared('/v1/reports/rebuild', serviceTokenSecurity('catalog:reports'));
  // A plain Hono route under /internal, with no OpenAPI declaration at all.
  app.post('/internal/v1/plain', (c) => c.json({ ok: true }));
  app.get('/v1/public', (c) => c.json({ ok: true }));
  const auth = authenticate({ keys: signer.keys, redis, audience: ['fruitables', 'catalog'] });
  app.get('/v1/by-hand', auth, requireServiceScope({ audience: 'catalog', scope: 'catalog:holds' }), (c) =>
    c.json({ ok: true }),
  );
});
afterAll(async () => {
  await redis.close();
});

const holdsToken = () => signer.service('orders', { aud: 'catalog', scope: 'catalog:holds' });

async function post(path: string, token?: string) {
  const response = await app.request(path, { method: 'POST', headers: token ? bearer(token) : {} });
  const body = (await response.json()) as { code?: string };
  return { status: response.status, code: body.code, challenge: response.headers.get('www-authenticate') };
}

describe('guardInternalRoutes', () => {
  it('lets a service token for this audience with the declared scope through', async () => {
    expect(await post('/internal/v1/holds/abc', await holdsToken())).toMatchObject({ status: 200 });
  });

  it.each([
    ['no token', async () => undefined, 401, 'token_missing'],
    ['a shopper', () => signer.shopper(), 403, 'service_only'],
    ['an admin', () => signer.admin(), 403, 'service_only'],
    ['a farmer', () => signer.farmer([crypto.randomUUID()]), 403, 'service_only'],
    [
      'a service token for people (aud fruitables)',
      () => signer.service('orders', { scope: 'catalog:holds' }),
      403,
      'wrong_audience',
    ],
    [
      'a service token for another service',
      () => signer.service('orders', { aud: 'orders', scope: 'catalog:holds' }),
      401,
      'token_invalid',
    ],
    [
      'a service token without the scope',
      () => signer.service('orders', { aud: 'catalog', scope: 'catalog:reports' }),
      403,
      'insufficient_scope',
    ],
    [
      'a service token with no scope at all',
      () => signer.service('orders', { aud: 'catalog' }),
      403,
      'insufficient_scope',
    ],
  ])('refuses %s', async (_case, token, status, code) => {
    expect(await post('/internal/v1/holds/abc', await token())).toMatchObject({ status, code });
  });

  it('names the missing scope in an RFC 6750 challenge', async () => {
    const refused = await post('/internal/v1/holds/abc', await signer.service('orders', { aud: 'catalog' }));
    expect(refused.challenge).toBe('Bearer realm="fruitables", error="insufficient_scope", scope="catalog:holds"');
  });

  it.each([
    '/internal/v1/undeclared',
    '/internal/v1/unknown-scope',
    '/internal/v1/plain',
    '/internal/v1/no-such-route',
    '/internal',
  ])('fails closed on %s: no declared, grantable scope means no caller at all', async (path) => {
    expect(await post(path)).toMatchObject({ status: 401 });
    expect(await post(path, await holdsToken())).toMatchObject({ status: 403, code: 'insufficient_scope' });
    expect(await post(path, await signer.admin())).toMatchObject({ status: 403, code: 'service_only' });
  });

  it('guards a route that declares a service scope wherever its path', async () => {
    expect(await post('/v1/reports/rebuild')).toMatchObject({ status: 401 });
    expect(await post('/v1/reports/rebuild', await holdsToken())).toMatchObject({ status: 403 });
    const reports = await signer.service('orders', { aud: 'catalog', scope: 'catalog:holds catalog:reports' });
    expect(await post('/v1/reports/rebuild', reports)).toMatchObject({ status: 200 });
  });

  it('leaves other routes alone', async () => {
    expect((await app.request('/v1/public')).status).toBe(200);
  });

  it('documents the scopes as an OAuth2 client-credentials scheme', async () => {
    const document = (await (await app.request('/openapi.json')).json()) as {
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(document.components.securitySchemes.serviceToken).toMatchObject({
      type: 'oauth2',
      flows: {
        clientCredentials: { tokenUrl: '/api/identity/v1/oauth/token', scopes: { 'catalog:holds': 'hold stock' } },
      },
    });
    expect(document.paths['/internal/v1/holds/{holdId}']?.post?.security).toEqual([
      { serviceToken: ['catalog:holds'] },
    ]);
  });

  it('refuses to be installed after internal routes, which would answer before it', () => {
    const late = createTestServiceApp();
    late.post('/internal/v1/early', (c) => c.json({ ok: true }));
    expect(() =>
      guardInternalRoutes(late, {
        authenticate: authenticate({ keys: signer.keys, redis }),
        audience: 'x',
        scopes: {},
      }),
    ).toThrow(/before routes/);
  });
});

describe('requireServiceScope', () => {
  it('checks role, audience and scope on a single route', async () => {
    const get = async (token: string) => (await app.request('/v1/by-hand', { headers: bearer(token) })).status;
    expect(await get(await holdsToken())).toBe(200);
    expect(await get(await signer.admin())).toBe(403);
    expect(await get(await signer.service('orders', { aud: 'catalog' }))).toBe(403);
  });
});
