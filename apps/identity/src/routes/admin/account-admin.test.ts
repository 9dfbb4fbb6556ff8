import { outbox } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  logIn,
  refresh,
  type SignedIn,
  signedInAdmin,
  signedInShopper,
  verifiedFarmer,
} from '../../testing/client.ts';
import { createHarness, type IdentityHarness } from '../../testing/harness.ts';

let h: IdentityHarness;
let admin: SignedIn;
beforeAll(async () => {
  h = await createHarness('account-admin');
  admin = await signedInAdmin(h);
});
afterAll(async () => {
  await h.close();
});

const disable = (accountId: string, body?: unknown) =>
  call(h, 'POST', `/v1/admin/accounts/${accountId}/disable`, { token: admin.accessToken, body });
const enable = (accountId: string) =>
  call(h, 'POST', `/v1/admin/accounts/${accountId}/enable`, { token: admin.accessToken });

describe('disabling an account', () => {
  it('kills its live access token on the very next request, its refresh token and its logins', async () => {
    const target = await signedInShopper(h);
    expect((await call(h, 'GET', '/v1/me', { token: target.accessToken })).status).toBe(200);
    const response = await disable(target.accountId, { reason: '결제 사기 신고' });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ id: target.accountId, status: 'disabled' });
    const next = await call(h, 'GET', '/v1/me', { token: target.accessToken });
    expect(next.status).toBe(401);
    expect(next.problem.code).toBe('token_revoked');
    expect(
      (await call(h, 'POST', '/v1/sessions/refresh', { body: { refreshToken: target.refreshToken } })).status,
    ).toBe(401);
    const login = await call(h, 'POST', '/v1/sessions', { body: { email: target.email, password: target.password } });
    expect(login.status).toBe(403);
  });

  it('announces AccountDisabled once, without the free-text reason', async () => {
    const target = await signedInShopper(h);
    await disable(target.accountId, { reason: '내부 메모: 사기 의심' });
    await disable(target.accountId);
    const events = (await h.db.select().from(outbox).where(eq(outbox.type, 'AccountDisabled'))).filter(
      (row) => row.envelope.aggregateId === target.accountId,
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.envelope.data).toEqual({ accountId: target.accountId, disabledAt: expect.any(String) });
  });

  it('lets the person back in once enabled, even in the same second as the disable', async () => {
    const target = await signedInShopper(h);
    await disable(target.accountId);
    const response = await enable(target.accountId);
    expect(response.json).toMatchObject({ status: 'active', disabledAt: null });
    const tokens = await logIn(h, target.email, target.password);
    expect((await call(h, 'GET', '/v1/me', { token: tokens.accessToken })).status).toBe(200);
  });

  it('keeps an admin from disabling themself', async () => {
    const response = await disable(admin.accountId);
    expect(response.status).toBe(409);
    expect((await call(h, 'GET', '/v1/me', { token: admin.accessToken })).status).toBe(200);
  });

  it('answers 404 for an unknown account', async () => {
    expect((await disable('0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b')).status).toBe(404);
    expect((await enable('0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b')).status).toBe(404);
  });
});

describe('linking another farm to a farmer', () => {
  it('adds the farm to the farmer, effective at the next refresh, even in the same second', async () => {
    const first = await verifiedFarmer(h, admin);
    const second = await verifiedFarmer(h, admin);
    const response = await call(h, 'POST', `/v1/admin/accounts/${first.accountId}/farms`, {
      token: admin.accessToken,
      body: { farmId: second.farmId },
    });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ accountId: first.accountId, farmIds: [first.farmId, second.farmId] });
    expect((await call(h, 'GET', '/v1/me', { token: first.accessToken })).status).toBe(401);
    const next = await refresh(h, first.refreshToken);
    expect(decodeJwt(next.accessToken).farmIds).toEqual([first.farmId, second.farmId]);
    expect((await call(h, 'GET', '/v1/me', { token: next.accessToken })).status).toBe(200);
  });

  it('announces the new manager once, and linking the same farm again announces nothing', async () => {
    const first = await verifiedFarmer(h, admin);
    const second = await verifiedFarmer(h, admin);
    const link = () =>
      call(h, 'POST', `/v1/admin/accounts/${first.accountId}/farms`, {
        token: admin.accessToken,
        body: { farmId: second.farmId },
      });
    expect((await link()).status).toBe(200);
    expect((await link()).status).toBe(200);
    const announcements = (await h.db.select().from(outbox).where(eq(outbox.type, 'FarmManagerLinked'))).filter(
      (row) => row.envelope.aggregateId === first.accountId,
    );
    expect(announcements).toHaveLength(1);
    expect(announcements[0]?.envelope.data).toEqual({
      accountId: first.accountId,
      farmId: second.farmId,
      linkedAt: expect.any(String),
    });
  });

  it('refuses to link a farm to someone who is not a farmer', async () => {
    const farmer = await verifiedFarmer(h, admin);
    const shopper = await signedInShopper(h);
    const response = await call(h, 'POST', `/v1/admin/accounts/${shopper.accountId}/farms`, {
      token: admin.accessToken,
      body: { farmId: farmer.farmId },
    });
    expect(response.status).toBe(409);
    expect(response.problem.code).toBe('not_a_farmer');
  });

  it('answers 404 for a farm identity never created', async () => {
    const farmer = await verifiedFarmer(h, admin);
    const response = await call(h, 'POST', `/v1/admin/accounts/${farmer.accountId}/farms`, {
      token: admin.accessToken,
      body: { farmId: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b' },
    });
    expect(response.status).toBe(404);
  });
});
