import { mailInbox } from '@fruitables/mail/catcher';
import type { Platform } from '@fruitables/stack/platform';
import { Secret, TOTP } from 'otpauth';
import { callApi, expectStatus } from './api.ts';
import { mailInboxUrl } from './platform-context.ts';
import { uniqueEmail } from './shopper.ts';

export interface Session {
  accessToken: string;
  refreshToken: string;
}

export interface Account {
  email: string;
  password: string;
}

export async function signUp(edge: string, displayName: string): Promise<Account> {
  const account = { email: uniqueEmail('e2e'), password: 'crisp-apple-harvest-2026' };
  await expectStatus(
    callApi(edge, 'POST', '/api/identity/v1/accounts', { body: { ...account, displayName } }),
    202,
    'sign up',
  );
  return account;
}

/**
 * Proves the account's mailbox as its owner would: reads identity's verification mail from the
 * platform's catcher and confirms it. Confirming sets a new password (the link proves the
 * mailbox, not the password typed at sign-up), so the account comes back with that one.
 */
export async function verifyEmail(edge: string, account: Account): Promise<Account> {
  const mail = await mailInbox(mailInboxUrl()).waitFor(account.email, (caught) =>
    caught.subject.includes('이메일 주소를 확인'),
  );
  const link = mail.text.match(/https?:\/\/[^\s"'<>]+\/account\/verify\/\?token=([A-Za-z0-9_-]+)/);
  if (!link?.[1]) throw new Error(`no verification link in the mail to ${account.email}`);
  const verified = { ...account, password: `${account.password}-verified` };
  await expectStatus(
    callApi(edge, 'POST', '/api/identity/v1/email-verifications/confirm', {
      body: { token: link[1], newPassword: verified.password },
    }),
    204,
    'confirm the email',
  );
  return verified;
}

export const logIn = (edge: string, account: Account): Promise<Session> =>
  expectStatus<Session>(callApi(edge, 'POST', '/api/identity/v1/sessions', { body: account }), 200, 'log in');

/**
 * An admin with an authenticator enrolled. The test plays the authenticator app: it holds the
 * secret and computes codes with the same RFC 6238 library identity uses. identity refuses a
 * code whose 30-second step was already used, so `lastStep` remembers the newest one spent.
 */
export interface AdminAccount extends Account {
  totpSecret: string;
  lastStep: number;
  recoveryCodes: string[];
  session: Session & { at: number };
}

const STEP_MS = 30_000;
export const totpOf = (secret: string) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

/**
 * A code for a step not used yet: the current one, or (identity accepts one step of clock
 * skew) the next; waits for a later step only when both are spent.
 */
export async function nextTotpCode(admin: AdminAccount): Promise<string> {
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / STEP_MS);
    const step = Math.max(current, admin.lastStep + 1);
    if (step <= current + 1) {
      admin.lastStep = step;
      return totpOf(admin.totpSecret).generate({ timestamp: step * STEP_MS });
    }
    await new Promise((resolve) => setTimeout(resolve, (current + 1) * STEP_MS - now + 50));
  }
}

interface MfaChallenge {
  mfa: 'required' | 'enrolment_required';
  challenge: string;
}

/** An admin as create-admin leaves it: no authenticator yet. */
export async function createUnenrolledAdmin(platform: Platform): Promise<Account> {
  const account = { email: uniqueEmail('admin'), password: 'orchard-operator-2026' };
  const created = await platform.runScript(
    'identity',
    ['src/create-admin.ts', '--email', account.email, '--name', '운영자'],
    { ADMIN_PASSWORD: account.password },
  );
  if (created.code !== 0) throw new Error(`create-admin failed: ${created.stderr || created.stdout}`);
  return account;
}

/**
 * An admin account made the only way there is: identity's create-admin script, as `./fruitables
 * admin create` runs it; then its first log-in enrols an authenticator, as the login page does.
 */
export async function createAdmin(platform: Platform): Promise<AdminAccount> {
  const edge = platform.edgeUrl;
  const account = await createUnenrolledAdmin(platform);
  const step = await expectStatus<MfaChallenge>(
    callApi(edge, 'POST', '/api/identity/v1/sessions', { body: account }),
    200,
    'admin password step',
  );
  if (step.mfa !== 'enrolment_required') throw new Error(`a new admin should enrol first, got ${step.mfa}`);
  const pending = await expectStatus<{ secret: string }>(
    callApi(edge, 'POST', '/api/identity/v1/me/mfa/totp', {
      body: { challenge: step.challenge, password: account.password },
    }),
    200,
    'start authenticator enrolment',
  );
  const admin: AdminAccount = {
    ...account,
    totpSecret: pending.secret,
    lastStep: 0,
    recoveryCodes: [],
    session: { accessToken: '', refreshToken: '', at: 0 },
  };
  const confirmed = await expectStatus<{ recoveryCodes: string[]; session: Session }>(
    callApi(edge, 'POST', '/api/identity/v1/me/mfa/totp/confirm', {
      body: { challenge: step.challenge, code: await nextTotpCode(admin) },
    }),
    200,
    'confirm authenticator enrolment',
  );
  admin.recoveryCodes = confirmed.recoveryCodes;
  admin.session = { ...confirmed.session, at: Date.now() };
  return admin;
}

/** Password, then a fresh authenticator code: the admin's log-in. */
export async function logInAdmin(edge: string, admin: AdminAccount): Promise<Session> {
  const step = await expectStatus<MfaChallenge>(
    callApi(edge, 'POST', '/api/identity/v1/sessions', { body: { email: admin.email, password: admin.password } }),
    200,
    'admin password step',
  );
  if (step.mfa !== 'required') throw new Error(`an enrolled admin should be asked for a code, got ${step.mfa}`);
  const session = await expectStatus<Session>(
    callApi(edge, 'POST', '/api/identity/v1/sessions/mfa', {
      body: { challenge: step.challenge, code: await nextTotpCode(admin) },
    }),
    200,
    'admin code step',
  );
  admin.session = { ...session, at: Date.now() };
  return session;
}

/** The admin's API session: reused while its access token has minutes left, else a new log-in. */
export async function adminSession(edge: string, admin: AdminAccount): Promise<Session> {
  if (Date.now() - admin.session.at < 10 * 60_000) return admin.session;
  return logInAdmin(edge, admin);
}

/**
 * A farmer as the platform makes one: sign up, apply with the farm's business details, an
 * admin verifies (identity creates the farm id and tells catalog through FarmerVerified),
 * and the farmer's refreshed token carries the farm.
 */
export async function onboardFarmer(
  edge: string,
  admin: AdminAccount,
  farmName = '이투이 사과농원',
): Promise<{ farmId: string; token: string; account: Account }> {
  // A farmer proves their mailbox first: admins find farms by a manager's verified email only.
  const farmer = await verifyEmail(edge, await signUp(edge, '박농부'));
  const session = await logIn(edge, farmer);
  const application = await expectStatus<{ id: string }>(
    callApi(edge, 'POST', '/api/identity/v1/farmer-applications', {
      token: session.accessToken,
      body: {
        farmName,
        representativeName: '박농부',
        businessRegistrationNumber: '124-81-00998',
        roadAddress: '경상북도 청송군 청송읍 중앙로 1',
        zoneCode: '37414',
        phone: '054-873-1234',
        bankCode: '011',
        bankAccountNumber: '301-1234-5678-91',
        bankAccountHolder: '박농부',
      },
    }),
    201,
    'farmer application',
  );
  const { accessToken: adminToken } = await adminSession(edge, admin);
  const verified = await expectStatus<{ farmId: string | null }>(
    callApi(edge, 'POST', `/api/identity/v1/admin/farmer-applications/${application.id}/verify`, {
      token: adminToken,
    }),
    200,
    'verify the application',
  );
  if (!verified.farmId) throw new Error('a verified application has no farm id');
  const refreshed = await expectStatus<Session>(
    callApi(edge, 'POST', '/api/identity/v1/sessions/refresh', { body: { refreshToken: session.refreshToken } }),
    200,
    'refresh the farmer session',
  );
  return { farmId: verified.farmId, token: refreshed.accessToken, account: farmer };
}
