import { createServiceTokenProvider } from '@fruitables/kit';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../testing/client.ts';
import {
  createHarness,
  type IdentityHarness,
  TEST_SERVICE_CLIENT,
  TEST_STOREFRONT_CLIENT,
} from '../../testing/harness.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('oauth-token');
});
afterAll(async () => {
  await h.close();
});

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const basic = (id: string, secret: string) => ({ authorization: `Basic ${btoa(`${id}:${secret}`)}` });

describe('client credentials', () => {
  it("issues a service token to the kit's own token client", async () => {
    const provider = createServiceTokenProvider({
      tokenUrl: 'http://identity/v1/oauth/token',
      clientId: TEST_SERVICE_CLIENT.clientId,
      clientSecret: TEST_SERVICE_CLIENT.clientSecret,
      audience: 'catalog',
      scopes: ['catalog:holds'],
      // The kit's client talks to the app in memory: same requests, no socket.
      fetch: Object.assign(
        async (input: string | URL | Request, init?: RequestInit) => h.app.request(String(input), init),
        {
          preconnect: () => {},
        },
      ),
    });
    const token = await provider.getToken();
    expect(decodeJwt(token)).toMatchObject({
      sub: 'service:orders',
      roles: ['service'],
      farmIds: [],
      aud: 'catalog',
      scope: 'catalog:holds',
    });
  });

  it('accepts the credentials in the form body too, and is never cached', async () => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: form,
      body: `grant_type=client_credentials&client_id=orders&client_secret=${TEST_SERVICE_CLIENT.clientSecret}&audience=catalog&unknown=ignored`,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = response.json as { token_type: string; expires_in: number; access_token: string; scope: string };
    expect(body.token_type).toBe('Bearer');
    // No scope asked for: every scope the client holds at that audience, and none elsewhere.
    expect(body.scope).toBe('catalog:holds');
    expect(body.expires_in).toBeGreaterThanOrEqual(899);
  });

  it.each([
    ['a wrong secret', basic('orders', 'wrong-secret')],
    ['an unknown client', basic('payments', TEST_SERVICE_CLIENT.clientSecret)],
    ['no credentials', {}],
  ])('answers 401 invalid_client with a Basic challenge for %s', async (_case, headers) => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: { ...form, ...headers },
      body: 'grant_type=client_credentials&audience=catalog',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Basic');
    expect(response.problem.code).toBe('invalid_client');
  });

  it('supports only the client_credentials grant', async () => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: { ...form, ...basic('orders', TEST_SERVICE_CLIENT.clientSecret) },
      body: 'grant_type=password&username=a&password=b&audience=catalog',
    });
    expect(response.status).toBe(400);
    expect(response.problem.errors?.map((error) => error.field)).toEqual(['form.grant_type']);
  });

  it('gives a service token no access to account routes', async () => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: { ...form, ...basic('orders', TEST_SERVICE_CLIENT.clientSecret) },
      body: 'grant_type=client_credentials&audience=catalog',
    });
    const token = (response.json as { access_token: string }).access_token;
    // Its audience is catalog, not people's: identity's own routes do not even accept it.
    const me = await call(h, 'GET', '/v1/me', { token });
    expect(me.status).toBe(401);
  });
});

describe('scopes and audience', () => {
  const asOrders = { ...form, ...basic('orders', TEST_SERVICE_CLIENT.clientSecret) };

  it('grants exactly the scopes asked for at the audience asked for', async () => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: asOrders,
      body: 'grant_type=client_credentials&audience=logistics&scope=logistics:slots',
    });
    expect(response.status).toBe(200);
    const token = (response.json as { access_token: string }).access_token;
    expect(decodeJwt(token)).toMatchObject({ aud: 'logistics', scope: 'logistics:slots' });
  });

  it.each([
    ['a scope the client was never granted', 'audience=catalog&scope=catalog:holds%20catalog:admin'],
    ["a granted scope at another service's audience", 'audience=logistics&scope=catalog:holds'],
    ['an audience where the client holds nothing', 'audience=payments'],
  ])('refuses %s with 400 invalid_scope', async (_case, query) => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: asOrders,
      body: `grant_type=client_credentials&${query}`,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('www-authenticate')).toBeNull();
    const problem = response.problem;
    expect(problem.code).toBe('invalid_scope');
    expect(problem.errors?.map((error) => error.field)).toEqual(['form.scope']);
  });

  it('gives the storefront no internal scope at catalog', async () => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: { ...form, ...basic('storefront', TEST_STOREFRONT_CLIENT.clientSecret) },
      body: 'grant_type=client_credentials&audience=catalog&scope=catalog:holds',
    });
    expect(response.status).toBe(400);
    expect(response.problem.code).toBe('invalid_scope');
  });

  it('needs an audience', async () => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: asOrders,
      body: 'grant_type=client_credentials&scope=catalog:holds',
    });
    expect(response.status).toBe(400);
    expect(response.problem.errors?.map((error) => error.field)).toEqual(['form.audience']);
  });

  it('checks secrets in microseconds, not with a slow hash: 200 wrong guesses take well under a second', async () => {
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call(h, 'POST', '/v1/oauth/token', {
          headers: { ...form, ...basic('orders', `wrong-${i}`) },
          body: 'grant_type=client_credentials&audience=catalog',
        }),
      ),
    );
    expect(answers.every((response) => response.status === 401)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
