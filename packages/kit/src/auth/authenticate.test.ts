import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_LIFETIME_SECONDS } from './claims.ts';
import { revokedBeforeKey, revokedTokenKey, revokeSubjectBefore, revokeToken } from './revocation.ts';
import {
  appWithAuthentication,
  connectRedis,
  expectTokenRejected,
  startRedisProxy,
  type TestRedis,
} from './test-fixtures.ts';
import { bearer, createTestSigner, type TestSigner } from './testing.ts';

let redis: TestRedis;
let signer: TestSigner;

beforeAll(async () => {
  redis = await connectRedis();
  signer = await createTestSigner();
});
afterAll(async () => {
  await redis.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await Bun.sleep(10);
  }
}

describe('authenticate: optional', () => {
  it('lets an anonymous request through on an optional route', async () => {
    const app = appWithAuthentication({ keys: signer.keys, redis });
    const res = await app.request('/v1/public');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ subject: null });
  });

  it('personalises an optional route when a valid token is sent', async () => {
    const app = appWithAuthentication({ keys: signer.keys, redis });
    const token = await signer.shopper();
    const res = await app.request('/v1/public', { headers: bearer(token) });
    expect(await res.json()).toEqual({ subject: decodeJwt(token).sub });
  });

  it('still refuses a bad token on an optional route', async () => {
    const app = appWithAuthentication({ keys: signer.keys, redis });
    await expectTokenRejected(await app.request('/v1/public', { headers: bearer('not-a-token') }), 'token_invalid');
  });

  it('keeps the request id on a 401', async () => {
    const app = appWithAuthentication({ keys: signer.keys, redis });
    const res = await app.request('/v1/me');
    const problem = await res.json();
    expect(problem.requestId).toBe(res.headers.get('x-request-id'));
  });
});

describe('authenticate: revocation takes effect on the next request', () => {
  it('refuses a token once its jti is revoked', async () => {
    const app = appWithAuthentication({ keys: signer.keys, redis });
    const token = await signer.shopper();
    expect((await app.request('/v1/me', { headers: bearer(token) })).status).toBe(200);

    const { jti, exp } = decodeJwt(token);
    if (!jti || !exp) throw new Error('test token lacks jti or exp');
    await revokeToken(redis, jti, exp - nowSeconds());
    await expectTokenRejected(await app.request('/v1/me', { headers: bearer(token) }), 'token_revoked');
  });

  it('keeps other tokens of the same account working after one is revoked', async () => {
    const app = appWithAuthentication({ keys: signer.keys, redis });
    const subject = crypto.randomUUID();
    const loggedOut = await signer.shopper({ sub: subject });
    const otherDevice = await signer.shopper({ sub: subject });
    const { jti } = decodeJwt(loggedOut);
    if (!jti) throw new Error('test token lacks jti');
    await revokeToken(redis, jti, ACCESS_TOKEN_LIFETIME_SECONDS);
    expect((await app.request('/v1/me', { headers: bearer(otherDevice) })).status).toBe(200);
  });

  it('refuses every token issued before the revoked-before cut-off, and accepts later ones', async () => {
    const app = appWithAuthentication({ keys: signer.keys, redis });
    const subject = crypto.randomUUID();
    const now = nowSeconds();
    const old = await signer.farmer([crypto.randomUUID()], { sub: subject, iat: now - 10, nbf: now - 10 });
    expect((await app.request('/v1/me', { headers: bearer(old) })).status).toBe(200);

    await revokeSubjectBefore(redis, subject, now, ACCESS_TOKEN_LIFETIME_SECONDS);
    await expectTokenRejected(await app.request('/v1/me', { headers: bearer(old) }), 'token_revoked');
    const reissued = await signer.farmer([crypto.randomUUID()], { sub: subject, iat: now, nbf: now });
    expect((await app.request('/v1/me', { headers: bearer(reissued) })).status).toBe(200);
  });

  it('rounds a fractional cut-off up, so a token from earlier in that second is revoked', async () => {
    const app = appWithAuthentication({ keys: signer.keys, redis });
    const subject = crypto.randomUUID();
    const now = nowSeconds();
    const token = await signer.shopper({ sub: subject, iat: now, nbf: now });
    await revokeSubjectBefore(redis, subject, now + 0.4, ACCESS_TOKEN_LIFETIME_SECONDS);
    await expectTokenRejected(await app.request('/v1/me', { headers: bearer(token) }), 'token_revoked');
  });

  it('writes the documented keys with a TTL covering the token lifetime and clock tolerance', async () => {
    const jti = crypto.randomUUID();
    const subject = crypto.randomUUID();
    await revokeToken(redis, jti, 100);
    await revokeSubjectBefore(redis, subject, 1_800_000_000, ACCESS_TOKEN_LIFETIME_SECONDS);
    expect(revokedTokenKey(jti)).toBe(`auth:revoked-jti:${jti}`);
    expect(revokedBeforeKey(subject)).toBe(`auth:revoked-before:${subject}`);
    expect(await redis.ttl(revokedTokenKey(jti))).toBeGreaterThanOrEqual(100);
    expect(await redis.get(revokedBeforeKey(subject))).toBe('1800000000');
    expect(await redis.ttl(revokedBeforeKey(subject))).toBeGreaterThanOrEqual(ACCESS_TOKEN_LIFETIME_SECONDS);
  });
});

describe('authenticate: Redis unavailable fails closed', () => {
  it('answers 503 when Redis has gone away', async () => {
    const proxy = await startRedisProxy();
    const viaProxy = await connectRedis(proxy.url);
    try {
      const app = appWithAuthentication({ keys: signer.keys, redis: viaProxy });
      const token = await signer.shopper();
      expect((await app.request('/v1/me', { headers: bearer(token) })).status).toBe(200);

      await proxy.kill();
      await waitUntil(() => !viaProxy.isReady);
      const res = await app.request('/v1/me', { headers: bearer(token) });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ code: 'auth_unavailable' });
    } finally {
      viaProxy.destroy();
    }
  });

  it('answers 503 within the timeout when Redis stops answering', async () => {
    const proxy = await startRedisProxy();
    const viaProxy = await connectRedis(proxy.url);
    try {
      const app = appWithAuthentication({ keys: signer.keys, redis: viaProxy, redisTimeoutMs: 200 });
      proxy.freeze();
      const started = performance.now();
      const res = await app.request('/v1/me', { headers: bearer(await signer.shopper()) });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'auth_unavailable' });
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      viaProxy.destroy();
      await proxy.kill();
    }
  });

  it('still serves anonymous requests on optional routes while Redis is down', async () => {
    const proxy = await startRedisProxy();
    const viaProxy = await connectRedis(proxy.url);
    try {
      await proxy.kill();
      await waitUntil(() => !viaProxy.isReady);
      const app = appWithAuthentication({ keys: signer.keys, redis: viaProxy });
      expect((await app.request('/v1/public')).status).toBe(200);
    } finally {
      viaProxy.destroy();
    }
  });
});
