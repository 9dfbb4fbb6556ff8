import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeySource } from './key-source.ts';
import { revokeToken } from './revocation.ts';
import { appWithAuthentication, connectRedis, type TestRedis } from './test-fixtures.ts';
import { bearer, createTestSigner, type TestSigner } from './testing.ts';
import { createVerifiedTokenCache } from './verified-token-cache.ts';

let redis: TestRedis;
let signer: TestSigner;

beforeAll(async () => {
  redis = await connectRedis();
  signer = await createTestSigner();
});
afterAll(async () => {
  await redis.close();
});

/** The signer's keys, counting how often a signature is actually verified. */
function countingKeys(): { keys: KeySource; verifications: () => number } {
  let count = 0;
  return {
    keys: {
      getKey: (header, token) => {
        count++;
        return signer.keys.getKey(header, token);
      },
    },
    verifications: () => count,
  };
}

describe('verified token cache', () => {
  it('verifies a token once however many requests carry it', async () => {
    const { keys, verifications } = countingKeys();
    const app = appWithAuthentication({ keys, redis });
    const headers = bearer(await signer.shopper());
    for (let i = 0; i < 5; i++) expect((await app.request('/v1/me', { headers })).status).toBe(200);
    expect(verifications()).toBe(1);
  });

  it('still checks revocation on every request for a cached token', async () => {
    const app = appWithAuthentication({ keys: signer.keys, redis });
    const token = await signer.shopper();
    expect((await app.request('/v1/me', { headers: bearer(token) })).status).toBe(200);
    await revokeToken(redis, String(decodeJwt(token).jti), 60);
    expect((await app.request('/v1/me', { headers: bearer(token) })).status).toBe(401);
  });

  it('forgets a token once it has expired, so expiry still rejects it', () => {
    let now = new Date('2026-11-21T12:00:00Z');
    const cache = createVerifiedTokenCache({ clock: { now: () => now } });
    const principal = {
      subject: 's',
      roles: ['shopper' as const],
      farmIds: [],
      audiences: ['fruitables'],
      scopes: [],
      emailVerified: false,
      tokenId: 't',
      issuedAt: new Date('2026-11-21T11:50:00Z'),
      expiresAt: new Date('2026-11-21T12:05:00Z'),
    };
    cache.set('token', principal);
    expect(cache.get('token')).toBe(principal);
    now = new Date('2026-11-21T12:05:06Z');
    expect(cache.get('token')).toBeUndefined();
  });

  it('keeps at most maxEntries tokens, dropping the oldest', () => {
    const cache = createVerifiedTokenCache({ maxEntries: 2 });
    const principal = {
      subject: 's',
      roles: ['shopper' as const],
      farmIds: [],
      audiences: ['fruitables'],
      scopes: [],
      emailVerified: false,
      tokenId: 't',
      issuedAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    };
    cache.set('a', principal);
    cache.set('b', principal);
    cache.set('c', principal);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBe(principal);
  });
});
