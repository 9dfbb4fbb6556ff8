import { responseSchema, withId } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  farmerApplicationBody,
  type SignedIn,
  signedInAdmin,
  signedInShopper,
  verifiedFarmer,
} from '../../testing/client.ts';
import { createHarness, type IdentityHarness, TEST_SERVICE_CLIENT } from '../../testing/harness.ts';
import { issueTokenRoute } from '../oauth/issue-token.ts';

let h: IdentityHarness;
let admin: SignedIn;
let shopper: SignedIn;
let farmer: SignedIn & { farmId: string };
let serviceToken: string;

beforeAll(async () => {
  h = await createHarness('admin-matrix');
  admin = await signedInAdmin(h);
  farmer = await verifiedFarmer(h, admin);
  shopper = await signedInShopper(h);
  const issued = await call(h, 'POST', '/v1/oauth/token', {
    body: `grant_type=client_credentials&client_id=${TEST_SERVICE_CLIENT.clientId}&client_secret=${TEST_SERVICE_CLIENT.clientSecret}&audience=catalog`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  serviceToken = issued.parse(responseSchema(issueTokenRoute, 200)).access_token;
});
afterAll(async () => {
  await h.close();
});

async function pendingApplicationId(): Promise<string> {
  const applicant = await signedInShopper(h);
  const response = await call(h, 'POST', '/v1/farmer-applications', {
    token: applicant.accessToken,
    body: farmerApplicationBody(),
  });
  return response.parse(withId).id;
}

interface AdminRoute {
  name: string;
  /** Builds a fresh target, so an admin's successful call never disturbs the next case. */
  request: () => Promise<{ method: string; path: string; body?: unknown }>;
}

const adminRoutes: AdminRoute[] = [
  {
    name: 'list pending applications',
    request: async () => ({ method: 'GET', path: '/v1/admin/farmer-applications' }),
  },
  {
    name: 'list decided applications',
    request: async () => ({ method: 'GET', path: '/v1/admin/farmer-applications?status=verified' }),
  },
  {
    name: 'list farms',
    request: async () => ({ method: 'GET', path: '/v1/admin/farms?q=%EC%82%AC%EA%B3%BC' }),
  },
  {
    name: 'verify an application',
    request: async () => ({
      method: 'POST',
      path: `/v1/admin/farmer-applications/${await pendingApplicationId()}/verify`,
    }),
  },
  {
    name: 'reject an application',
    request: async () => ({
      method: 'POST',
      path: `/v1/admin/farmer-applications/${await pendingApplicationId()}/reject`,
      body: { reason: '서류가 불충분합니다.' },
    }),
  },
  {
    name: 'disable an account',
    request: async () => ({
      method: 'POST',
      path: `/v1/admin/accounts/${(await signedInShopper(h)).accountId}/disable`,
    }),
  },
  {
    name: 'enable an account',
    request: async () => ({
      method: 'POST',
      path: `/v1/admin/accounts/${(await signedInShopper(h)).accountId}/enable`,
    }),
  },
  {
    name: 'link a farm',
    request: async () => ({
      method: 'POST',
      path: `/v1/admin/accounts/${farmer.accountId}/farms`,
      body: { farmId: farmer.farmId },
    }),
  },
];

describe.each(adminRoutes)('admin route: $name', ({ request }) => {
  it('answers 401 without a token', async () => {
    const { method, path, body } = await request();
    expect((await call(h, method, path, { body })).status).toBe(401);
  });

  it('answers 403 to a shopper', async () => {
    const { method, path, body } = await request();
    expect((await call(h, method, path, { body, token: shopper.accessToken })).status).toBe(403);
  });

  it('answers 403 to a farmer', async () => {
    const { method, path, body } = await request();
    expect((await call(h, method, path, { body, token: farmer.accessToken })).status).toBe(403);
  });

  it("answers 401 to a service token (minted for a callee service, never for people's routes)", async () => {
    const { method, path, body } = await request();
    expect((await call(h, method, path, { body, token: serviceToken })).status).toBe(401);
  });

  it('answers 200 to an admin', async () => {
    const { method, path, body } = await request();
    const response = await call(h, method, path, { body, token: admin.accessToken });
    expect(response.status, response.text).toBe(200);
  });
});
