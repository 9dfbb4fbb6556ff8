import { accounts } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, signUp } from '../../testing/client.ts';
import { createHarness, type IdentityHarness, TEST_ARGON2, uniqueEmail, uniqueIp } from '../../testing/harness.ts';
import { sessionTokensSchema } from './schema.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('log-in');
});
afterAll(async () => {
  await h.close();
});

const attempt = (email: string, password: string, ip = h.ip) =>
  call(h, 'POST', '/v1/sessions', { body: { email, password }, ip });

describe('login', () => {
  it('signs a shopper in with a 15-minute ES256 access token and an opaque refresh token', async () => {
    const { email, password } = await signUp(h);
    const response = await attempt(email, password);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const tokens = response.parse(sessionTokensSchema);
    expect(tokens.tokenType).toBe('Bearer');
    // Whole seconds left, rounded down, so a client never refreshes late.
    expect(tokens.expiresIn).toBeGreaterThanOrEqual(899);
    expect(tokens.expiresIn).toBeLessThanOrEqual(900);
    expect(decodeProtectedHeader(tokens.accessToken)).toMatchObject({
      alg: 'ES256',
      typ: 'at+jwt',
      kid: h.signingKeys.active.kid,
    });
    const claims = decodeJwt(tokens.accessToken);
    expect(claims).toMatchObject({ iss: 'fruitables-identity', aud: 'fruitables', roles: ['shopper'], farmIds: [] });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    expect(claims.nbf).toBe(claims.iat);
    expect(tokens.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers a wrong password and an unknown email identically', async () => {
    const { email } = await signUp(h);
    const wrong = await attempt(email, 'not-the-password');
    const unknown = await attempt(uniqueEmail('nobody'), 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [wrong.problem, unknown.problem];
    expect({ ...a, requestId: undefined }).toEqual({ ...b, requestId: undefined });
    expect(a.code).toBe('invalid_credentials');
  });

  it('spends similar time on an unknown email as on a wrong password', async () => {
    // Costlier hashing than the test default, so argon2 dominates the timing as it does in production.
    const timed = await createHarness('log-in-timing', { argon2: { memoryCost: 19_456, timeCost: 2 } });
    try {
      const { email } = await signUp(timed);
      const once = async (target: string) => {
        const started = performance.now();
        await call(timed, 'POST', '/v1/sessions', {
          body: { email: target, password: 'wrong-password' },
          ip: uniqueIp(),
        });
        return performance.now() - started;
      };
      await once(uniqueEmail()); // warms the dummy hash up
      // Alternating single attempts and comparing medians: a burst of load from whatever
      // else runs on the machine hits both sides alike instead of skewing one batch.
      const known: number[] = [];
      const unknown: number[] = [];
      for (let round = 0; round < 7; round++) {
        known.push(await once(email));
        unknown.push(await once(uniqueEmail()));
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
      const ratio = median(unknown) / median(known);
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
    } finally {
      await timed.close();
    }
  });

  it('upgrades a hash made with weaker parameters at the next successful login', async () => {
    const { email, password } = await signUp(h);
    const weak = await Bun.password.hash(password, { algorithm: 'argon2id', memoryCost: 4096, timeCost: 1 });
    await h.db.update(accounts).set({ passwordHash: weak }).where(eq(accounts.email, email));
    expect((await attempt(email, password)).status).toBe(200);
    const [row] = await h.db.select({ hash: accounts.passwordHash }).from(accounts).where(eq(accounts.email, email));
    expect(row?.hash).toMatch(
      new RegExp(`^\\$argon2id\\$v=19\\$m=${TEST_ARGON2.memoryCost},t=${TEST_ARGON2.timeCost},`),
    );
    expect((await attempt(email, password)).status).toBe(200);
  });

  it('upgrades a bcrypt hash to argon2id', async () => {
    const { email, password } = await signUp(h);
    const bcrypt = await Bun.password.hash(password, { algorithm: 'bcrypt', cost: 4 });
    await h.db.update(accounts).set({ passwordHash: bcrypt }).where(eq(accounts.email, email));
    expect((await attempt(email, password)).status).toBe(200);
    const [row] = await h.db.select({ hash: accounts.passwordHash }).from(accounts).where(eq(accounts.email, email));
    expect(row?.hash?.startsWith('$argon2id$')).toBe(true);
  });

  it('leaves an up-to-date hash alone', async () => {
    const { email, password } = await signUp(h);
    const [before] = await h.db.select({ hash: accounts.passwordHash }).from(accounts).where(eq(accounts.email, email));
    await attempt(email, password);
    const [after] = await h.db.select({ hash: accounts.passwordHash }).from(accounts).where(eq(accounts.email, email));
    expect(after?.hash).toBe(before?.hash);
  });
});

describe('login throttling', () => {
  it('locks an email at an address after five failures, even for the right password, and unlocks when the lock ends', async () => {
    const { email, password } = await signUp(h);
    for (let i = 0; i < 5; i++) expect((await attempt(email, 'wrong-password')).status).toBe(401);
    const locked = await attempt(email, password);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('30');
    expect(locked.problem.code).toBe('login_throttled');
    h.clock.advance(31_000);
    expect((await attempt(email, password)).status).toBe(200);
  });

  it('locks an unknown email the same way, so a lock reveals nothing', async () => {
    const email = uniqueEmail('ghost');
    for (let i = 0; i < 5; i++) expect((await attempt(email, 'wrong-password')).status).toBe(401);
    const locked = await attempt(email, 'wrong-password');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('30');
  });

  it('doubles the lock with each further failure, capped at fifteen minutes', async () => {
    const email = uniqueEmail('persistent');
    const retryAfter: number[] = [];
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < (round === 0 ? 5 : 1); i++) await attempt(email, 'wrong-password');
      const locked = await attempt(email, 'wrong-password');
      expect(locked.status).toBe(429);
      const seconds = Number(locked.headers.get('retry-after'));
      retryAfter.push(seconds);
      h.clock.advance(seconds * 1000 + 1000);
    }
    expect(retryAfter).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('clears the failures of an email after a successful login', async () => {
    const { email, password } = await signUp(h);
    for (let i = 0; i < 4; i++) await attempt(email, 'wrong-password');
    expect((await attempt(email, password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(email, 'wrong-password')).status).toBe(401);
  });

  it('counts attempts sent in parallel before their passwords are checked: twenty at once get five guesses', async () => {
    const { email, password } = await signUp(h);
    const ip = uniqueIp();
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => attempt(email, 'wrong-password', ip)))).map(
      (response) => response.status,
    );
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    expect((await attempt(email, password, ip)).status).toBe(429);
  });

  it('locks an email only at the address that failed, so an attacker cannot lock the owner out', async () => {
    const { email, password } = await signUp(h);
    const attacker = uniqueIp();
    const home = uniqueIp();
    // An attacker keeping the lock alive for hours, one guess each time it lapses; the owner signs in meanwhile.
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < (round === 0 ? 5 : 1); i++) await attempt(email, 'wrong-password', attacker);
      const locked = await attempt(email, password, attacker);
      expect(locked.status).toBe(429);
      expect((await attempt(email, password, home)).status).toBe(200);
      h.clock.advance(Number(locked.headers.get('retry-after')) * 1000 + 1000);
    }
  });

  it('throttles the address our proxy saw, however the client forges X-Forwarded-For', async () => {
    const real = uniqueIp();
    // The harness trusts one proxy: it appended `real`; everything left of it came from the client.
    const forged = () => ({ 'x-forwarded-for': `${uniqueIp()}, ${real}` });
    for (let i = 0; i < 50; i++) {
      await call(h, 'POST', '/v1/sessions', {
        body: { email: uniqueEmail('spray'), password: 'wrong-password' },
        headers: forged(),
      });
    }
    const { email, password } = await signUp(h);
    const response = await call(h, 'POST', '/v1/sessions', { body: { email, password }, headers: forged() });
    expect(response.status).toBe(429);
  });

  it('locks an address that fails across many emails, without locking those emails elsewhere', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 50; i++) await attempt(uniqueEmail('spray'), 'wrong-password', ip);
    const { email, password } = await signUp(h);
    expect((await attempt(email, password, ip)).status).toBe(429);
    expect((await attempt(email, password, uniqueIp())).status).toBe(200);
  });
});

describe('disabled accounts at login', () => {
  it('refuses a disabled account with the right password', async () => {
    const { email, password } = await signUp(h);
    await h.db.update(accounts).set({ status: 'disabled' }).where(eq(accounts.email, email));
    const response = await attempt(email, password);
    expect(response.status).toBe(403);
    expect(response.problem.code).toBe('account_disabled');
  });

  it('answers a disabled account with a wrong password like any wrong password', async () => {
    const { email } = await signUp(h);
    await h.db.update(accounts).set({ status: 'disabled' }).where(eq(accounts.email, email));
    const response = await attempt(email, 'wrong-password');
    expect(response.status).toBe(401);
    expect(response.problem.code).toBe('invalid_credentials');
  });
});
