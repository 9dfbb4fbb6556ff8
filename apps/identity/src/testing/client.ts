import type { Problem, TestResponse } from '@fruitables/kit/testing';
import { decodeJwt } from 'jose';
import { z } from 'zod';
import { totpCodeAt } from '../domain/totp.ts';
import type { IdentityHarness } from './harness.ts';
import { seedAdmin, uniqueEmail, uniqueIp } from './harness.ts';

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The client address the edge would report; the harness's own by default. */
  ip?: string;
}

/** One request through the real app, as the edge would forward it (shorthand for `harness.client`). */
export function call(
  harness: IdentityHarness,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<TestResponse> {
  const { body, token, ip } = options;
  // A string body is sent as is (JSON unless the caller says otherwise): tests of malformed JSON use it.
  const raw = typeof body === 'string';
  const headers: Record<string, string> = {
    ...(ip === undefined ? {} : { 'x-forwarded-for': ip }),
    ...(raw ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  return harness.client.request(method, path, {
    headers,
    ...(token ? { token } : {}),
    ...(body === undefined ? {} : raw ? { body } : { json: body }),
  });
}

const tokensSchema = z.object({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.number() });

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface SignedIn extends Tokens {
  accountId: string;
  email: string;
  password: string;
}

export async function signUp(
  harness: IdentityHarness,
  overrides: Record<string, unknown> = {},
): Promise<{ email: string; password: string }> {
  const body = { email: uniqueEmail(), password: 'sweet-persimmon-42', displayName: '김민지', ...overrides };
  // Each from its own address, so the per-address sign-up limit never couples one test to another.
  const response = await call(harness, 'POST', '/v1/accounts', { body, ip: uniqueIp() });
  if (response.status !== 202) throw new Error(`sign-up answered ${response.status}: ${response.text}`);
  return { email: String(body.email), password: String(body.password) };
}

export async function logIn(harness: IdentityHarness, email: string, password: string): Promise<Tokens> {
  const response = await call(harness, 'POST', '/v1/sessions', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login answered ${response.status}: ${response.text}`);
  return response.parse(tokensSchema);
}

export async function refresh(harness: IdentityHarness, refreshToken: string): Promise<Tokens> {
  const response = await call(harness, 'POST', '/v1/sessions/refresh', { body: { refreshToken } });
  if (response.status !== 200) throw new Error(`refresh answered ${response.status}: ${response.text}`);
  return response.parse(tokensSchema);
}

const subjectOf = (accessToken: string): string => String(decodeJwt(accessToken).sub);

export async function signedInShopper(
  harness: IdentityHarness,
  overrides: Record<string, unknown> = {},
): Promise<SignedIn> {
  const { email, password } = await signUp(harness, overrides);
  const tokens = await logIn(harness, email, password);
  return { ...tokens, accountId: subjectOf(tokens.accessToken), email, password };
}

export interface MfaChallenge {
  mfa: 'required' | 'enrolment_required';
  challenge: string;
  challengeExpiresAt: string;
}

/** An admin's password step: the MFA challenge it answers instead of a session. */
export async function passwordStep(harness: IdentityHarness, email: string, password: string): Promise<MfaChallenge> {
  const response = await call(harness, 'POST', '/v1/sessions', { body: { email, password } });
  const body = response.json as MfaChallenge;
  if (response.status !== 200 || !body.challenge) throw new Error(`password step answered ${response.status}`);
  return body;
}

export interface SignedInAdmin extends SignedIn {
  /** The authenticator's base32 secret: compute codes with `totpCodeAt(secret, harness.clock.now())`. */
  totpSecret: string;
  recoveryCodes: string[];
}

/**
 * An existing admin's first log-in, as the login page does it: password, enrolment of an
 * authenticator (at the harness clock's now), and the session that enrolment signs them in with.
 * Their next log-in needs a code from a later step: advance the clock 30 s first.
 */
export async function enrolAdmin(
  harness: IdentityHarness,
  email: string,
  password: string,
): Promise<Tokens & { totpSecret: string; recoveryCodes: string[] }> {
  const step = await passwordStep(harness, email, password);
  if (step.mfa !== 'enrolment_required') throw new Error(`expected an enrolment challenge, got ${step.mfa}`);
  const { challenge } = step;
  const begun = await call(harness, 'POST', '/v1/me/mfa/totp', { body: { challenge, password } });
  if (begun.status !== 200) throw new Error(`enrolment answered ${begun.status}: ${begun.text}`);
  const { secret } = begun.json as { secret: string };
  const confirmed = await call(harness, 'POST', '/v1/me/mfa/totp/confirm', {
    body: { challenge, code: totpCodeAt(secret, harness.clock.now()) },
  });
  if (confirmed.status !== 200) throw new Error(`confirmation answered ${confirmed.status}: ${confirmed.text}`);
  const { session, recoveryCodes } = confirmed.json as { session: Tokens; recoveryCodes: string[] };
  return { ...session, totpSecret: secret, recoveryCodes };
}

/** An admin made by create-admin who enrolled an authenticator and is signed in by it. */
export async function signedInAdmin(harness: IdentityHarness): Promise<SignedInAdmin> {
  const { email, password, id } = await seedAdmin(harness);
  return { ...(await enrolAdmin(harness, email, password)), accountId: id, email, password };
}

/** Ten digits with a valid 사업자등록번호 check digit (random, so tests never share one). */
export function validBusinessRegistrationNumber(): string {
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  const digits = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
  let sum = digits.reduce((total, digit, index) => total + digit * (weights[index] ?? 0), 0);
  sum += Math.floor(((digits[8] ?? 0) * 5) / 10);
  return [...digits, (10 - (sum % 10)) % 10].join('');
}

export function farmerApplicationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    farmName: '햇살 사과농원',
    representativeName: '박정호',
    businessRegistrationNumber: validBusinessRegistrationNumber(),
    roadAddress: '경상북도 청송군 청송읍 중앙로 1',
    zoneCode: '37414',
    phone: '054-873-1234',
    bankCode: '011',
    bankAccountNumber: '301-1234-5678-91',
    bankAccountHolder: '박정호',
    ...overrides,
  };
}

/**
 * A shopper whose farmer application an admin verified, refreshed afterwards so the token
 * carries the farmer role and farm.
 */
export async function verifiedFarmer(
  harness: IdentityHarness,
  admin: SignedIn,
): Promise<SignedIn & { farmId: string; applicationId: string }> {
  const shopper = await signedInShopper(harness);
  const submitted = await call(harness, 'POST', '/v1/farmer-applications', {
    token: shopper.accessToken,
    body: farmerApplicationBody(),
  });
  const { id: applicationId } = submitted.parse(z.object({ id: z.string() }));
  const verified = await call(harness, 'POST', `/v1/admin/farmer-applications/${applicationId}/verify`, {
    token: admin.accessToken,
  });
  if (verified.status !== 200) throw new Error(`verify answered ${verified.status}: ${verified.text}`);
  const { farmId } = verified.parse(z.object({ farmId: z.string() }));
  const tokens = await refresh(harness, shopper.refreshToken);
  return { ...shopper, ...tokens, farmId, applicationId };
}
