import { responseSchema } from '@fruitables/kit/testing';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signedInShopper } from '../../testing/client.ts';
import { createHarness, type IdentityHarness } from '../../testing/harness.ts';
import { getJwksRoute } from './get-jwks.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('jwks');
});
afterAll(async () => {
  await h.close();
});

describe('JWKS', () => {
  it('publishes every configured key, public parts only, cacheable', async () => {
    const response = await call(h, 'GET', '/.well-known/jwks.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('max-age=300');
    const jwks = response.parse(responseSchema(getJwksRoute, 200));
    expect(jwks.keys).toHaveLength(2);
    for (const key of jwks.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    }
  });

  it('verifies the access tokens identity issues', async () => {
    const jwks = (await call(h, 'GET', '/.well-known/jwks.json')).parse(responseSchema(getJwksRoute, 200));
    const shopper = await signedInShopper(h);
    const { payload, protectedHeader } = await jwtVerify(shopper.accessToken, createLocalJWKSet(jwks), {
      issuer: 'fruitables-identity',
      audience: 'fruitables',
      algorithms: ['ES256'],
      typ: 'at+jwt',
      currentDate: h.clock.now(),
    });
    expect(payload.sub).toBe(shopper.accountId);
    expect(protectedHeader.kid).toBe(jwks.keys[0]?.kid);
  });
});
