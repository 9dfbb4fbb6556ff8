import { accounts, outbox } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, logIn, signUp } from '../../testing/client.ts';
import { createHarness, type IdentityHarness, uniqueEmail, uniqueIp } from '../../testing/harness.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('sign-up');
});
afterAll(async () => {
  await h.close();
});

const signUpBody = (overrides: Record<string, unknown> = {}) => ({
  email: uniqueEmail(),
  password: 'sweet-persimmon-42',
  displayName: '김민지',
  ...overrides,
});

describe('shopper sign-up', () => {
  it('creates a shopper who can then log in', async () => {
    const body = signUpBody({ mobile: '010-1234-5678' });
    const response = await call(h, 'POST', '/v1/accounts', { body });
    expect(response.status).toBe(202);
    const tokens = await logIn(h, body.email, body.password);
    const me = (await call(h, 'GET', '/v1/me', { token: tokens.accessToken })).json;
    expect(me).toMatchObject({ email: body.email, displayName: '김민지', mobile: '01012345678', roles: ['shopper'] });
  });

  it('normalises the email so one mailbox is one account', async () => {
    const email = uniqueEmail();
    await signUp(h, { email: email.toUpperCase() });
    const [row] = await h.db.select({ email: accounts.email }).from(accounts).where(eq(accounts.email, email));
    expect(row?.email).toBe(email);
    const tokens = await logIn(h, email.toUpperCase(), 'sweet-persimmon-42');
    expect(tokens.accessToken).toBeTruthy();
  });

  it('answers a taken email exactly like a new one and changes nothing', async () => {
    const first = signUpBody();
    const fresh = await call(h, 'POST', '/v1/accounts', { body: first });
    const again = await call(h, 'POST', '/v1/accounts', {
      body: { ...first, password: 'another-password-99', displayName: '침입자' },
    });
    expect(again.status).toBe(fresh.status);
    expect(again.json).toEqual(fresh.json);
    const rows = await h.db.select().from(accounts).where(eq(accounts.email, first.email));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.displayName).toBe('김민지');
    // The original password still works; the second one was never applied.
    await logIn(h, first.email, first.password);
    const wrong = await call(h, 'POST', '/v1/sessions', {
      body: { email: first.email, password: 'another-password-99' },
    });
    expect(wrong.status).toBe(401);
  });

  it('publishes AccountRegistered once, with no password hash or contact data', async () => {
    const body = signUpBody({ mobile: '010-5555-1234' });
    await call(h, 'POST', '/v1/accounts', { body });
    await call(h, 'POST', '/v1/accounts', { body });
    const [account] = await h.db.select().from(accounts).where(eq(accounts.email, body.email));
    const events = await h.db.select().from(outbox).where(eq(outbox.type, 'AccountRegistered'));
    const mine = events.filter((event) => event.envelope.aggregateId === account?.id);
    expect(mine).toHaveLength(1);
    const payload = JSON.stringify(mine[0]?.envelope);
    expect(payload).not.toContain('argon2');
    expect(payload).not.toContain(body.password);
    expect(payload).not.toContain('01055551234');
  });

  it.each([
    ['role', 'admin'],
    ['roles', ['admin']],
    ['verified', true],
    ['farmIds', ['0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b']],
  ])('refuses the unknown field %s with a 400 naming it, and creates nothing', async (field, value) => {
    const body = signUpBody({ [field]: value });
    const response = await call(h, 'POST', '/v1/accounts', { body });
    expect(response.status).toBe(400);
    const problem = response.problem;
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((error) => error.message).join(' ')).toContain(`"${field}"`);
    const rows = await h.db.select().from(accounts).where(eq(accounts.email, body.email));
    expect(rows).toHaveLength(0);
  });

  it('limits sign-ups per address before any password is hashed, and lets the address in again later', async () => {
    const ip = uniqueIp();
    const signUpFrom = (from: string) => call(h, 'POST', '/v1/accounts', { body: signUpBody(), ip: from });
    const statuses = (await Promise.all(Array.from({ length: 25 }, () => signUpFrom(ip)))).map((r) => r.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    const refused = await signUpFrom(ip);
    expect(refused.status).toBe(429);
    expect(refused.problem.code).toBe('sign_up_throttled');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signUpFrom(uniqueIp())).status).toBe(202);
    h.clock.advance(10 * 60_000);
    expect((await signUpFrom(ip)).status).toBe(202);
  });

  it('names each invalid field', async () => {
    const response = await call(h, 'POST', '/v1/accounts', {
      body: { email: 'not-an-email', password: 'short', displayName: '', mobile: '02-123' },
    });
    expect(response.status).toBe(400);
    const fields = response.problem.errors?.map((error) => error.field).sort();
    expect(fields).toEqual(['displayName', 'email', 'mobile', 'password']);
  });
});
