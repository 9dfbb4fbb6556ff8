import type { Clock } from '@fruitables/core';
import type { JSONWebKeySet } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createJwksKeySource } from './jwks-key-source.ts';
import { createTestSigner } from './testing.ts';
import { verifyAccessToken } from './verify.ts';

/** identity's JWKS endpoint, for real: a local HTTP server that counts the fetches it serves. */
function serveJwks(initial: JSONWebKeySet) {
  let jwks = initial;
  let status = 200;
  let fetches = 0;
  const server = Bun.serve({
    port: 0,
    fetch() {
      fetches += 1;
      return status === 200 ? Response.json(jwks) : new Response('down', { status });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}/.well-known/jwks.json`,
    fetches: () => fetches,
    publish(next: JSONWebKeySet) {
      jwks = next;
    },
    /** Answer every fetch with this status from now on (200 serves the key set again). */
    answerWith(next: number) {
      status = next;
    },
    stop: () => server.stop(true),
  };
}

function manualClock(start = Date.parse('2026-11-21T03:00:00Z')) {
  let now = start;
  const clock: Clock = { now: () => new Date(now) };
  return { clock, advance: (ms: number) => (now += ms) };
}

const servers: ReturnType<typeof serveJwks>[] = [];
function startJwks(initial: JSONWebKeySet) {
  const server = serveJwks(initial);
  servers.push(server);
  return server;
}
afterEach(() => {
  for (const server of servers.splice(0)) server.stop();
});

describe('JWKS key source', () => {
  it('fetches the key set once and then verifies from memory', async () => {
    const signer = await createTestSigner();
    const jwks = startJwks(signer.jwks);
    const keys = createJwksKeySource({ jwksUrl: jwks.url });
    for (let i = 0; i < 5; i += 1) await verifyAccessToken(await signer.shopper(), { keys });
    expect(jwks.fetches()).toBe(1);
  });

  it('shares one fetch between concurrent first requests', async () => {
    const signer = await createTestSigner();
    const jwks = startJwks(signer.jwks);
    const keys = createJwksKeySource({ jwksUrl: jwks.url });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => signer.shopper()));
    await Promise.all(tokens.map((token) => verifyAccessToken(token, { keys })));
    expect(jwks.fetches()).toBe(1);
  });

  it('refetches on an unknown kid and then accepts the rotated key', async () => {
    const oldKey = await createTestSigner({ kid: 'key-1' });
    const newKey = await createTestSigner({ kid: 'key-2' });
    const jwks = startJwks(oldKey.jwks);
    const { clock, advance } = manualClock();
    const keys = createJwksKeySource({ jwksUrl: jwks.url, clock, cooldownMs: 30_000 });
    await verifyAccessToken(await oldKey.shopper(), { keys });

    jwks.publish({ keys: [...oldKey.jwks.keys, ...newKey.jwks.keys] });
    advance(31_000);
    const principal = await verifyAccessToken(await newKey.admin(), { keys });
    expect(principal.roles).toEqual(['admin']);
    expect(jwks.fetches()).toBe(2);
  });

  it('refetches at most once per cooldown however many unknown kids arrive', async () => {
    const signer = await createTestSigner();
    const jwks = startJwks(signer.jwks);
    const { clock, advance } = manualClock();
    const keys = createJwksKeySource({ jwksUrl: jwks.url, clock, cooldownMs: 30_000 });
    await verifyAccessToken(await signer.shopper(), { keys });
    advance(30_000);

    for (let i = 0; i < 20; i += 1) {
      const forged = await signer.sign({}, { kid: `made-up-${i}` });
      await expect(verifyAccessToken(forged, { keys })).rejects.toMatchObject({ code: 'token_invalid' });
    }
    expect(jwks.fetches()).toBe(2);

    advance(10_000);
    await expect(verifyAccessToken(await signer.sign({}, { kid: 'again' }), { keys })).rejects.toMatchObject({
      code: 'token_invalid',
    });
    expect(jwks.fetches()).toBe(2);

    advance(20_000);
    await expect(verifyAccessToken(await signer.sign({}, { kid: 'later' }), { keys })).rejects.toMatchObject({
      code: 'token_invalid',
    });
    expect(jwks.fetches()).toBe(3);
  });

  it('verifies tokens from both keys while two are published (rotation overlap)', async () => {
    const current = await createTestSigner({ kid: 'key-a' });
    const next = await createTestSigner({ kid: 'key-b' });
    const jwks = startJwks({ keys: [...current.jwks.keys, ...next.jwks.keys] });
    const keys = createJwksKeySource({ jwksUrl: jwks.url });
    expect((await verifyAccessToken(await current.shopper(), { keys })).roles).toEqual(['shopper']);
    expect((await verifyAccessToken(await next.admin(), { keys })).roles).toEqual(['admin']);
    expect(jwks.fetches()).toBe(1);
  });

  it('stops accepting a withdrawn key once the cached set is older than maxAge', async () => {
    const withdrawn = await createTestSigner({ kid: 'compromised' });
    const replacement = await createTestSigner({ kid: 'fresh' });
    const jwks = startJwks({ keys: [...withdrawn.jwks.keys, ...replacement.jwks.keys] });
    const { clock, advance } = manualClock();
    const keys = createJwksKeySource({ jwksUrl: jwks.url, clock, maxAgeMs: 60_000 });
    await verifyAccessToken(await withdrawn.shopper(), { keys });

    jwks.publish(replacement.jwks);
    advance(61_000);
    await expect(verifyAccessToken(await withdrawn.shopper(), { keys })).rejects.toMatchObject({
      code: 'token_invalid',
    });
    await verifyAccessToken(await replacement.shopper(), { keys });
  });

  it('keeps the keys it has when a periodic refetch fails', async () => {
    const signer = await createTestSigner();
    const jwks = startJwks(signer.jwks);
    const { clock, advance } = manualClock();
    const keys = createJwksKeySource({ jwksUrl: jwks.url, clock, maxAgeMs: 60_000 });
    await verifyAccessToken(await signer.shopper(), { keys });

    jwks.answerWith(500);
    advance(61_000);
    await verifyAccessToken(await signer.shopper(), { keys });
    expect(jwks.fetches()).toBe(2);
  });

  it('answers 503, not 401, when no keys could ever be loaded, and retries once a second until it has some', async () => {
    const signer = await createTestSigner();
    const jwks = startJwks(signer.jwks);
    jwks.answerWith(502);
    const { clock, advance } = manualClock();
    const keys = createJwksKeySource({ jwksUrl: jwks.url, clock, cooldownMs: 30_000 });
    const token = await signer.shopper();
    for (let i = 0; i < 3; i += 1) {
      await expect(verifyAccessToken(token, { keys })).rejects.toMatchObject({
        kind: 'unavailable',
        code: 'auth_keys_unavailable',
      });
    }
    expect(jwks.fetches()).toBe(1);
    advance(999);
    await expect(verifyAccessToken(token, { keys })).rejects.toMatchObject({ kind: 'unavailable' });
    expect(jwks.fetches()).toBe(1);

    // identity comes up: within a second, not a whole cooldown, tokens verify again.
    jwks.answerWith(200);
    advance(1);
    await verifyAccessToken(token, { keys });
    expect(jwks.fetches()).toBe(2);
  });

  it('ignores keys that are not public ES256 signing keys', async () => {
    const signer = await createTestSigner({ kid: 'shared-kid' });
    const [ecKey] = signer.jwks.keys;
    const jwks = startJwks({
      keys: [
        { kty: 'oct', kid: 'shared-kid', k: 'c2VjcmV0', alg: 'HS256' },
        { ...ecKey, use: 'enc', kid: 'enc-key' },
      ],
    });
    const keys = createJwksKeySource({ jwksUrl: jwks.url });
    await expect(verifyAccessToken(await signer.shopper(), { keys })).rejects.toMatchObject({ code: 'token_invalid' });
  });
});
