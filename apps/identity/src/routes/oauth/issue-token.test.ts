import { createServiceTokenProvider } from '@fruitables/kit';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, call, type Problem } from '../../testing/client.ts';
import { createHarness, type IdentityHarness, TEST_SERVICE_CLIENT } from '../../testing/harness.ts';

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
      // The kit's client talks to the app in memory: same requests, no socket.
      fetch: Object.assign(
        async (input: string | URL | Request, init?: RequestInit) => h.app.request(String(input), init),
        {
          preconnect: () => {},
        },
      ),
    });
    const token = await provider.getToken();
    expect(decodeJwt(token)).toMatchObject({ sub: 'service:orders', roles: ['service'], farmIds: [] });
  });

  it('accepts the credentials in the form body too, and is never cached', async () => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: form,
      body: `grant_type=client_credentials&client_id=orders&client_secret=${TEST_SERVICE_CLIENT.clientSecret}&scope=ignored`,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await bodyOf<{ token_type: string; expires_in: number; access_token: string }>(response);
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBeGreaterThanOrEqual(899);
  });

  it.each([
    ['a wrong secret', basic('orders', 'wrong-secret')],
    ['an unknown client', basic('payments', TEST_SERVICE_CLIENT.clientSecret)],
    ['no credentials', {}],
  ])('answers 401 invalid_client with a Basic challenge for %s', async (_case, headers) => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: { ...form, ...headers },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Basic');
    expect((await bodyOf<Problem>(response)).code).toBe('invalid_client');
  });

  it('supports only the client_credentials grant', async () => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: { ...form, ...basic('orders', TEST_SERVICE_CLIENT.clientSecret) },
      body: 'grant_type=password&username=a&password=b',
    });
    expect(response.status).toBe(400);
    expect((await bodyOf<Problem>(response)).errors?.map((error) => error.field)).toEqual(['form.grant_type']);
  });

  it('gives a service token no access to account routes', async () => {
    const response = await call(h, 'POST', '/v1/oauth/token', {
      headers: { ...form, ...basic('orders', TEST_SERVICE_CLIENT.clientSecret) },
      body: 'grant_type=client_credentials',
    });
    const token = (await bodyOf<{ access_token: string }>(response)).access_token;
    const me = await call(h, 'GET', '/v1/me', { token });
    expect(me.status).toBe(403);
    expect((await bodyOf<Problem>(me)).code).toBe('not_an_account');
  });
});
