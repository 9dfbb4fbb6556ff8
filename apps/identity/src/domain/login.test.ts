import { accounts, refreshTokenFamilies } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type SignedIn, signedInAdmin, signedInShopper, signUp } from '../testing/client.ts';
import { createHarness, type IdentityHarness, uniqueIp } from '../testing/harness.ts';
import { type AccessTokenIssuer, createAccessTokenIssuer } from './access-tokens.ts';
import { logIn } from './login.ts';
import { createLoginThrottle } from './login-throttle.ts';
import type { PasswordHasher } from './passwords.ts';
import { rotateRefreshToken } from './sessions.ts';

let h: IdentityHarness;
let admin: SignedIn;
beforeAll(async () => {
  h = await createHarness('login-domain');
  admin = await signedInAdmin(h);
});
afterAll(async () => {
  await h.close();
});

/** A promise the test resolves by hand, to hold a login or refresh at one step. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

function domainContext(overrides: { passwords?: PasswordHasher; tokens?: AccessTokenIssuer; slept?: number[] } = {}) {
  return {
    db: h.db,
    clock: h.clock,
    redis: h.redis,
    logger: h.logs.logger,
    sessionPolicy: { absoluteLifetimeMs: 30 * 24 * 60 * 60_000 },
    passwords: overrides.passwords ?? h.passwords,
    throttle: createLoginThrottle({
      redis: h.redis,
      clock: h.clock,
      sleep: async (ms) => {
        overrides.slept?.push(ms);
      },
    }),
    tokens:
      overrides.tokens ??
      createAccessTokenIssuer({
        keys: h.signingKeys,
        issuer: 'fruitables-identity',
        audience: 'fruitables',
        clock: h.clock,
      }),
  };
}

const accountIdOf = async (email: string): Promise<string> => {
  const [row] = await h.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email));
  if (!row) throw new Error('no such account');
  return row.id;
};

const disable = (accountId: string) =>
  call(h, 'POST', `/v1/admin/accounts/${accountId}/disable`, { token: admin.accessToken });

describe('login throttling across addresses', () => {
  it('slows down an email that fails from many addresses, but never locks its owner out', async () => {
    const slept: number[] = [];
    const ctx = domainContext({ slept });
    const { email, password } = await signUp(h);
    // Thirty failures, each from its own address: past the per-email slow-down threshold.
    for (let i = 0; i < 30; i++) {
      await expect(logIn(ctx, { email, password: 'wrong-password', ip: uniqueIp() })).rejects.toMatchObject({
        kind: 'unauthenticated',
      });
    }
    expect(slept.length).toBeGreaterThan(0);
    const outcome = await logIn(ctx, { email, password, ip: uniqueIp() });
    expect(outcome.kind === 'session' && outcome.tokens.accessToken).toBeTruthy();
    // A slow-down, not a lockout: even the owner waits only a few seconds.
    expect(Math.max(...slept)).toBeLessThanOrEqual(5_000);
  });
});

describe('a disable racing with a login or a refresh', () => {
  it('refuses a login whose password check straddles the disable, and leaves no session behind', async () => {
    const { email, password } = await signUp(h);
    const accountId = await accountIdOf(email);
    const entered = gate();
    const release = gate();
    // argon2 takes 100-500 ms in production: the disable lands while it runs.
    const slowPasswords: PasswordHasher = {
      hash: (plain) => h.passwords.hash(plain),
      async verify(plain, stored) {
        const result = await h.passwords.verify(plain, stored);
        entered.open();
        await release.opened;
        return result;
      },
    };
    const pending = logIn(domainContext({ passwords: slowPasswords }), { email, password, ip: uniqueIp() });
    await entered.opened;
    expect((await disable(accountId)).status).toBe(200);
    h.clock.advance(1_200);
    release.open();
    await expect(pending).rejects.toMatchObject({ kind: 'forbidden', code: 'account_disabled' });
    const families = await h.db
      .select({ id: refreshTokenFamilies.id })
      .from(refreshTokenFamilies)
      .where(eq(refreshTokenFamilies.accountId, accountId));
    expect(families).toEqual([]);
  });

  it('never leaves a refresh that races with the disable holding a live token or session', async () => {
    const shopper = await signedInShopper(h);
    const entered = gate();
    const release = gate();
    const issuer = createAccessTokenIssuer({
      keys: h.signingKeys,
      issuer: 'fruitables-identity',
      audience: 'fruitables',
      clock: h.clock,
    });
    const slowTokens: AccessTokenIssuer = {
      async issue(claims) {
        entered.open();
        await release.opened;
        return issuer.issue(claims);
      },
    };
    const pending = rotateRefreshToken(domainContext({ tokens: slowTokens }), shopper.refreshToken).catch(
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    await entered.opened;
    const disabling = disable(shopper.accountId);
    // Give the disable time to reach the database and wait on the refresh's locks.
    await new Promise((resolve) => setTimeout(resolve, 100));
    h.clock.advance(1_200);
    release.open();
    const [outcome, disabled] = await Promise.all([pending, disabling]);
    expect(disabled.status).toBe(200);
    if (!(outcome instanceof Error)) {
      expect((await call(h, 'GET', '/v1/me', { token: outcome.accessToken })).status).toBe(401);
    }
    const families = await h.db
      .select({ revokedAt: refreshTokenFamilies.revokedAt })
      .from(refreshTokenFamilies)
      .where(eq(refreshTokenFamilies.accountId, shopper.accountId));
    expect(families.every((family) => family.revokedAt !== null)).toBe(true);
  });
});
