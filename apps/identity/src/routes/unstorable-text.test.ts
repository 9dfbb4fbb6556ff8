import { type TestResponse, withId } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, farmerApplicationBody, type SignedIn, signedInAdmin, signedInShopper } from '../testing/client.ts';
import { createHarness, type IdentityHarness, uniqueEmail } from '../testing/harness.ts';

let h: IdentityHarness;
let admin: SignedIn;
let shopper: SignedIn;
let addressId: string;
let applicationId: string;
beforeAll(async () => {
  h = await createHarness('unstorable-text');
  admin = await signedInAdmin(h);
  shopper = await signedInShopper(h);
  const address = await call(h, 'POST', '/v1/me/addresses', {
    token: shopper.accessToken,
    body: {
      recipient: '김민지',
      phone: '010-1234-5678',
      roadAddress: '서울특별시 강남구 테헤란로 152',
      zoneCode: '06236',
    },
  });
  addressId = address.parse(withId).id;
  const applicant = await signedInShopper(h);
  const filed = await call(h, 'POST', '/v1/farmer-applications', {
    token: applicant.accessToken,
    body: farmerApplicationBody(),
  });
  applicationId = filed.parse(withId).id;
});
afterAll(async () => {
  await h.close();
});

const NUL = '\u0000';
const address = {
  recipient: '김민지',
  phone: '010-1234-5678',
  roadAddress: '서울특별시 강남구 테헤란로 152',
  zoneCode: '06236',
};

type Case = [label: string, field: string, send: (value: string) => Promise<TestResponse>];

const cases = (): Case[] => [
  [
    'sign-up',
    'displayName',
    (value) =>
      call(h, 'POST', '/v1/accounts', {
        body: { email: uniqueEmail(), password: 'sweet-persimmon-42', displayName: value },
      }),
  ],
  [
    'sign-up',
    'password',
    (value) =>
      call(h, 'POST', '/v1/accounts', {
        body: { email: uniqueEmail(), password: `sweet-persimmon${value}`, displayName: '김' },
      }),
  ],
  [
    'login',
    'password',
    (value) => call(h, 'POST', '/v1/sessions', { body: { email: uniqueEmail(), password: value } }),
  ],
  ['refresh', 'refreshToken', (value) => call(h, 'POST', '/v1/sessions/refresh', { body: { refreshToken: value } })],
  ['logout', 'refreshToken', (value) => call(h, 'POST', '/v1/sessions/logout', { body: { refreshToken: value } })],
  [
    'profile',
    'displayName',
    (value) => call(h, 'PATCH', '/v1/me', { token: shopper.accessToken, body: { displayName: value } }),
  ],
  ...['recipient', 'roadAddress', 'addressDetail', 'deliveryNotes'].map(
    (field): Case => [
      'new address',
      field,
      (value) =>
        call(h, 'POST', '/v1/me/addresses', { token: shopper.accessToken, body: { ...address, [field]: value } }),
    ],
  ),
  ...['recipient', 'addressDetail', 'deliveryNotes'].map(
    (field): Case => [
      'address change',
      field,
      (value) =>
        call(h, 'PATCH', `/v1/me/addresses/${addressId}`, { token: shopper.accessToken, body: { [field]: value } }),
    ],
  ),
  ...['farmName', 'representativeName', 'roadAddress', 'bankAccountHolder'].map(
    (field): Case => [
      'farmer application',
      field,
      (value) =>
        call(h, 'POST', '/v1/farmer-applications', {
          token: shopper.accessToken,
          body: farmerApplicationBody({ [field]: value }),
        }),
    ],
  ),
  [
    'rejection',
    'reason',
    (value) =>
      call(h, 'POST', `/v1/admin/farmer-applications/${applicationId}/reject`, {
        token: admin.accessToken,
        body: { reason: value },
      }),
  ],
  [
    'farm search',
    'query.q',
    (value) => call(h, 'GET', `/v1/admin/farms?q=${encodeURIComponent(value)}`, { token: admin.accessToken }),
  ],
  [
    'disable',
    'reason',
    (value) =>
      call(h, 'POST', `/v1/admin/accounts/${shopper.accountId}/disable`, {
        token: admin.accessToken,
        body: { reason: value },
      }),
  ],
];

describe('text PostgreSQL cannot store', () => {
  it('is refused in every text field with a 400 naming the field, never a 500', async () => {
    const outcomes: string[] = [];
    for (const [label, field, send] of cases()) {
      const response = await send(`사과${NUL}농원`);
      const isProblem = response.headers.get('content-type')?.includes('json') ?? false;
      const named = isProblem ? response.problem.errors?.map((error) => error.field) : undefined;
      outcomes.push(`${label} ${field}: ${response.status} ${named?.join(',') ?? ''}`);
    }
    expect(outcomes).toEqual(cases().map(([label, field]) => `${label} ${field}: 400 ${field}`));
  });
});
