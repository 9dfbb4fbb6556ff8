import type { TestResponse } from '@fruitables/kit/testing';
import { accounts, accountTotp, recoveryCodes } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../../domain/totp.ts';
import {
  call,
  type MfaChallenge,
  passwordStep,
  refresh,
  type SignedInAdmin,
  signedInAdmin,
  signedInShopper,
  type Tokens,
} from '../../testing/client.ts';
import { createHarness, type IdentityHarness, seedAdmin, uniqueIp } from '../../testing/harness.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('admin-mfa');
});
afterAll(async () => {
  await h.close();
});

const STEP_MS = 30_000;
const rolesOf = (token: string) => decodeJwt(token).roles as string[];
const adminRoute = (token: string) => call(h, 'GET', '/v1/admin/farmer-applications', { token });

async function expectProblem(response: TestResponse, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.problem.code).toBe(code);
}

const finish = (body: Record<string, unknown>, ip?: string) =>
  call(h, 'POST', '/v1/sessions/mfa', { body, ...(ip ? { ip } : {}) });

/** A log-in challenge for an enrolled admin, at the next 30-second step (the last code is spent). */
async function loginChallenge(admin: SignedInAdmin): Promise<string> {
  h.clock.advance(STEP_MS);
  const step = await passwordStep(h, admin.email, admin.password);
  expect(step.mfa).toBe('required');
  return step.challenge;
}

describe('an admin without an authenticator', () => {
  it('gets an enrolment challenge for the password, never tokens', async () => {
    const admin = await seedAdmin(h);
    const response = await call(h, 'POST', '/v1/sessions', { body: { email: admin.email, password: admin.password } });
    expect(response.status).toBe(200);
    const body = response.json as MfaChallenge & { accessToken?: string };
    expect(body.mfa).toBe('enrolment_required');
    expect(body.accessToken).toBeUndefined();
    // The challenge is no bearer token: admin routes refuse it outright.
    expect((await adminRoute(body.challenge)).status).toBe(401);
  });

  it('cannot finish a log-in with the enrolment challenge', async () => {
    const admin = await seedAdmin(h);
    const { challenge } = await passwordStep(h, admin.email, admin.password);
    await expectProblem(await finish({ challenge, code: '123456' }), 401, 'invalid_mfa_challenge');
  });

  it('is a shopper-and-admin whose old shopper session never gains the admin role without a code', async () => {
    const shopper = await signedInShopper(h);
    await h.db
      .update(accounts)
      .set({ roles: ['shopper', 'admin'] })
      .where(eq(accounts.id, shopper.accountId));
    const refreshed = await refresh(h, shopper.refreshToken);
    expect(rolesOf(refreshed.accessToken)).toEqual(['shopper']);
    await expectProblem(await adminRoute(refreshed.accessToken), 403, 'forbidden_role');
    // And its password now leads to enrolment, not to a session.
    expect((await passwordStep(h, shopper.email, shopper.password)).mfa).toBe('enrolment_required');
  });
});

describe('enrolling an authenticator', () => {
  it('re-checks the password before handing out a secret', async () => {
    const admin = await seedAdmin(h);
    const { challenge } = await passwordStep(h, admin.email, admin.password);
    const wrong = await call(h, 'POST', '/v1/me/mfa/totp', {
      body: { challenge, password: 'not-the-password' },
      ip: uniqueIp(),
    });
    await expectProblem(wrong, 401, 'invalid_credentials');
  });

  it('returns an otpauth URI, an SVG QR code and a pending secret sealed at rest, then activates on a valid code', async () => {
    const admin = await seedAdmin(h);
    const { challenge } = await passwordStep(h, admin.email, admin.password);
    const begun = await call(h, 'POST', '/v1/me/mfa/totp', { body: { challenge, password: admin.password } });
    expect(begun.status).toBe(200);
    expect(begun.headers.get('cache-control')).toBe('no-store');
    const pending = begun.json as { otpauthUri: string; qrSvg: string; secret: string };
    expect(pending.otpauthUri).toMatch(/^otpauth:\/\/totp\/Fruitables:.+\?.*secret=/);
    expect(pending.otpauthUri).toContain(`secret=${pending.secret}`);
    expect(pending.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);

    const [stored] = await h.db.select().from(accountTotp).where(eq(accountTotp.accountId, admin.id));
    expect(stored?.confirmedAt).toBeNull();
    expect(stored?.pendingSecretSealed).toMatch(/^v1\./);
    expect(stored?.pendingSecretSealed).not.toContain(pending.secret);

    const wrongCode = totpCodeAt(pending.secret, new Date(h.clock.now().getTime() + 10 * STEP_MS));
    const refused = await call(h, 'POST', '/v1/me/mfa/totp/confirm', { body: { challenge, code: wrongCode } });
    await expectProblem(refused, 401, 'invalid_mfa_code');

    const code = totpCodeAt(pending.secret, h.clock.now());
    const confirmed = await call(h, 'POST', '/v1/me/mfa/totp/confirm', { body: { challenge, code } });
    expect(confirmed.status).toBe(200);
    const body = confirmed.json as { recoveryCodes: string[]; session: Tokens };
    expect(body.recoveryCodes).toHaveLength(10);
    expect(new Set(body.recoveryCodes).size).toBe(10);
    expect(rolesOf(body.session.accessToken)).toContain('admin');
    expect((await adminRoute(body.session.accessToken)).status).toBe(200);

    const [active] = await h.db.select().from(accountTotp).where(eq(accountTotp.accountId, admin.id));
    expect(active?.confirmedAt).not.toBeNull();
    expect(active?.pendingSecretSealed).toBeNull();
    expect(active?.secretSealed).not.toContain(pending.secret);
    const codes = await h.db.select().from(recoveryCodes).where(eq(recoveryCodes.accountId, admin.id));
    expect(codes).toHaveLength(10);
    for (const row of codes) expect(body.recoveryCodes).not.toContain(row.codeHash);
    // The secret and the codes never reach the logs.
    const logged = JSON.stringify(h.logs.lines());
    expect(logged).not.toContain(pending.secret);
    expect(logged).not.toContain(body.recoveryCodes[0]);

    // The challenge is spent, and the account is enrolled: no second secret.
    const again = await call(h, 'POST', '/v1/me/mfa/totp', { body: { challenge, password: admin.password } });
    await expectProblem(again, 401, 'invalid_mfa_challenge');
  });

  it('refuses a second enrolment of an enrolled admin', async () => {
    const admin = await signedInAdmin(h);
    h.clock.advance(STEP_MS);
    const step = await passwordStep(h, admin.email, admin.password);
    expect(step.mfa).toBe('required');
    const response = await call(h, 'POST', '/v1/me/mfa/totp', {
      body: { challenge: step.challenge, password: admin.password },
    });
    await expectProblem(response, 401, 'invalid_mfa_challenge');
  });
});

describe('logging in with the second factor', () => {
  it('finishes with the current code and carries the admin role, also after a refresh', async () => {
    const admin = await signedInAdmin(h);
    const challenge = await loginChallenge(admin);
    const response = await finish({ challenge, code: totpCodeAt(admin.totpSecret, h.clock.now()) });
    expect(response.status).toBe(200);
    const tokens = response.json as Tokens;
    expect(rolesOf(tokens.accessToken)).toEqual(['admin']);
    const refreshed = await refresh(h, tokens.refreshToken);
    expect(rolesOf(refreshed.accessToken)).toEqual(['admin']);
    expect((await adminRoute(refreshed.accessToken)).status).toBe(200);
  });

  it('refuses a wrong code, then takes the right one on the same challenge', async () => {
    const admin = await signedInAdmin(h);
    const challenge = await loginChallenge(admin);
    const right = totpCodeAt(admin.totpSecret, h.clock.now());
    const wrong = right === '000000' ? '000001' : '000000';
    await expectProblem(await finish({ challenge, code: wrong }), 401, 'invalid_mfa_code');
    expect((await finish({ challenge, code: right })).status).toBe(200);
  });

  it('refuses a replayed code, even inside its window, and the code used to enrol', async () => {
    const admin = await signedInAdmin(h);
    // The enrolment code's step is spent: the same code cannot also finish a log-in.
    const atEnrolment = await passwordStep(h, admin.email, admin.password);
    const enrolmentCode = totpCodeAt(admin.totpSecret, h.clock.now());
    await expectProblem(
      await finish({ challenge: atEnrolment.challenge, code: enrolmentCode }),
      401,
      'invalid_mfa_code',
    );

    const first = await loginChallenge(admin);
    const code = totpCodeAt(admin.totpSecret, h.clock.now());
    expect((await finish({ challenge: first, code })).status).toBe(200);
    const second = (await passwordStep(h, admin.email, admin.password)).challenge;
    await expectProblem(await finish({ challenge: second, code }), 401, 'invalid_mfa_code');
    // An older code still inside the window is refused too: steps only move forward.
    const older = totpCodeAt(admin.totpSecret, new Date(h.clock.now().getTime() - STEP_MS));
    await expectProblem(await finish({ challenge: second, code: older }), 401, 'invalid_mfa_code');
  });

  it('lets exactly one of two concurrent log-ins with one code through', async () => {
    const admin = await signedInAdmin(h);
    const a = await loginChallenge(admin);
    const b = (await passwordStep(h, admin.email, admin.password)).challenge;
    const code = totpCodeAt(admin.totpSecret, h.clock.now());
    const statuses = (await Promise.all([finish({ challenge: a, code }), finish({ challenge: b, code })])).map(
      (response) => response.status,
    );
    expect(statuses.sort()).toEqual([200, 401]);
  });

  it('takes each recovery code once', async () => {
    const admin = await signedInAdmin(h);
    const recoveryCode = admin.recoveryCodes[3] ?? '';
    const first = await loginChallenge(admin);
    // Typed in lower case without dashes: still the same code.
    const typed = recoveryCode.toLowerCase().replaceAll('-', '');
    expect((await finish({ challenge: first, recoveryCode: typed })).status).toBe(200);
    const second = (await passwordStep(h, admin.email, admin.password)).challenge;
    await expectProblem(await finish({ challenge: second, recoveryCode }), 401, 'invalid_mfa_code');
    expect((await finish({ challenge: second, recoveryCode: admin.recoveryCodes[4] ?? '' })).status).toBe(200);
    expect(JSON.stringify(h.logs.lines())).toContain('recovery_code_used');
  });

  it('refuses an expired challenge', async () => {
    const admin = await signedInAdmin(h);
    const challenge = await loginChallenge(admin);
    h.clock.advance(5 * 60_000 + 1);
    const response = await finish({ challenge, code: totpCodeAt(admin.totpSecret, h.clock.now()) });
    await expectProblem(response, 401, 'invalid_mfa_challenge');
  });

  it('spends a challenge after five wrong codes, and locks the account at the address after repeated failures', async () => {
    const admin = await signedInAdmin(h);
    const ip = uniqueIp();
    const challenge = await loginChallenge(admin);
    const right = totpCodeAt(admin.totpSecret, h.clock.now());
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < 4; i++) {
      await expectProblem(await finish({ challenge, code: wrong }, ip), 401, 'invalid_mfa_code');
    }
    // The fifth failure reaches the per-address lock (five failures, as for passwords).
    const fifth = await finish({ challenge, code: wrong }, ip);
    expect([401, 429]).toContain(fifth.status);
    await expectProblem(await finish({ challenge, code: right }, ip), 401, 'invalid_mfa_challenge');
    const next = (await passwordStep(h, admin.email, admin.password)).challenge;
    const locked = await finish({ challenge: next, code: right }, ip);
    await expectProblem(locked, 429, 'login_throttled');
    expect(locked.headers.get('retry-after')).toBeTruthy();
  });

  it('names the field when the body brings neither or both codes', async () => {
    const response = await finish({ challenge: 'x', code: '123456', recoveryCode: 'ABCD-EFGH' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('recoveryCode');
    expect((await finish({ challenge: 'x' })).status).toBe(400);
    expect((await finish({ challenge: 'x', code: '12345' })).status).toBe(400);
  });
});
