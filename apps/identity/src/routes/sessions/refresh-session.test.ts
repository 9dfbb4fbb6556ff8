import { accounts, refreshTokens } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashRefreshToken, REFRESH_DUPLICATE_GRACE_MS } from '../../domain/sessions.ts';
import { call, refresh, signedInShopper } from '../../testing/client.ts';
import { createHarness, type IdentityHarness } from '../../testing/harness.ts';
import { sessionTokensSchema } from './schema.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('refresh');
});
afterAll(async () => {
  await h.close();
});

const tryRefresh = (refreshToken: string) => call(h, 'POST', '/v1/sessions/refresh', { body: { refreshToken } });
const me = (accessToken: string) => call(h, 'GET', '/v1/me', { token: accessToken });

describe('refresh token rotation', () => {
  it('trades a refresh token for a new pair, once', async () => {
    const shopper = await signedInShopper(h);
    const next = await refresh(h, shopper.refreshToken);
    expect(next.refreshToken).not.toBe(shopper.refreshToken);
    expect(decodeJwt(next.accessToken).jti).not.toBe(decodeJwt(shopper.accessToken).jti);
    expect((await me(next.accessToken)).status).toBe(200);
    const third = await refresh(h, next.refreshToken);
    expect((await me(third.accessToken)).status).toBe(200);
  });

  it('stores only a hash of the refresh token', async () => {
    const shopper = await signedInShopper(h);
    const rows =
      await h.owner`select token_hash from identity.refresh_tokens where token_hash = ${hashRefreshToken(shopper.refreshToken)}`;
    expect(rows).toHaveLength(1);
    const leaked = await h.owner`select 1 from identity.refresh_tokens where token_hash = ${shopper.refreshToken}`;
    expect(leaked).toHaveLength(0);
  });

  it('revokes the whole family when a used refresh token comes back, and logs it', async () => {
    const shopper = await signedInShopper(h);
    const stolen = shopper.refreshToken;
    const legit = await refresh(h, stolen);
    // A copy replayed later than a concurrent duplicate of the owner's own request could be.
    h.clock.advance(REFRESH_DUPLICATE_GRACE_MS + 1_000);
    const replay = await tryRefresh(stolen);
    expect(replay.status).toBe(401);
    expect(replay.problem.code).toBe('invalid_refresh_token');
    // The legitimate holder's newer tokens die with the family.
    expect((await tryRefresh(legit.refreshToken)).status).toBe(401);
    expect((await me(legit.accessToken)).status).toBe(401);
    const security = h.logs
      .lines()
      .find((line) => line.msg === 'refresh token reuse' && line.accountId === shopper.accountId);
    expect(security).toMatchObject({ level: 'warn', securityEvent: 'refresh_token_reuse' });
    expect(JSON.stringify(security)).not.toContain(stolen);
  });

  it('lets exactly one of many parallel refreshes succeed, and its tokens keep working', async () => {
    const shopper = await signedInShopper(h);
    const responses = await Promise.all(Array.from({ length: 8 }, () => tryRefresh(shopper.refreshToken)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    const winner = responses.find((response) => response.status === 200);
    if (!winner) throw new Error('no refresh succeeded');
    const tokens = winner.parse(sessionTokensSchema);
    expect((await me(tokens.accessToken)).status).toBe(200);
    expect((await tryRefresh(tokens.refreshToken)).status).toBe(200);
    const [row] = await h.db
      .select({ usedAt: refreshTokens.usedAt })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(shopper.refreshToken)));
    expect(row?.usedAt).toBeInstanceOf(Date);
  });

  it('answers a duplicate of a refresh that just happened with 409 and keeps the session', async () => {
    const shopper = await signedInShopper(h);
    const next = await refresh(h, shopper.refreshToken);
    const duplicate = await tryRefresh(shopper.refreshToken);
    expect(duplicate.status).toBe(409);
    expect(duplicate.problem.code).toBe('refresh_token_just_used');
    expect((await me(next.accessToken)).status).toBe(200);
    expect((await tryRefresh(next.refreshToken)).status).toBe(200);
  });

  it('refuses an unknown refresh token', async () => {
    const response = await tryRefresh('A'.repeat(43));
    expect(response.status).toBe(401);
    expect(response.problem.code).toBe('invalid_refresh_token');
  });

  it('refuses an access token presented as a refresh token, and a refresh token presented as an access token', async () => {
    const shopper = await signedInShopper(h);
    expect((await tryRefresh(shopper.accessToken)).status).toBe(401);
    expect((await me(shopper.refreshToken)).status).toBe(401);
  });

  it('refuses a refresh token after its seven days', async () => {
    const shopper = await signedInShopper(h);
    h.clock.advance(7 * 24 * 60 * 60_000 + 60_000);
    expect((await tryRefresh(shopper.refreshToken)).status).toBe(401);
  });

  it('refuses to refresh a disabled account', async () => {
    const shopper = await signedInShopper(h);
    await h.db.update(accounts).set({ status: 'disabled' }).where(eq(accounts.id, shopper.accountId));
    expect((await tryRefresh(shopper.refreshToken)).status).toBe(401);
  });

  it('refuses unknown fields in the body', async () => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'POST', '/v1/sessions/refresh', {
      body: { refreshToken: shopper.refreshToken, roles: ['admin'] },
    });
    expect(response.status).toBe(400);
  });
});
