import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payoutAccountSchema } from '../../contract/internal-payout-accounts.ts';
import { call, type SignedIn, signedInAdmin, signedInShopper, verifiedFarmer } from '../../testing/client.ts';
import {
  createHarness,
  type IdentityHarness,
  TEST_PAYMENTS_CLIENT,
  TEST_SERVICE_CLIENT,
} from '../../testing/harness.ts';

let h: IdentityHarness;
let admin: SignedIn;
beforeAll(async () => {
  h = await createHarness('payout-accounts');
  admin = await signedInAdmin(h);
});
afterAll(async () => {
  await h.close();
});

async function serviceToken(client: { clientId: string; clientSecret: string }, scope: string): Promise<string> {
  const response = await call(h, 'POST', '/v1/oauth/token', {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${btoa(`${client.clientId}:${client.clientSecret}`)}`,
    },
    body: `grant_type=client_credentials&audience=identity&scope=${encodeURIComponent(scope)}`,
  });
  const { access_token: token } = response.json as { access_token: string };
  return token;
}

describe("a farm's payout account", () => {
  it("is the verified application's bank account, unsealed, for payments' service token", async () => {
    const farmer = await verifiedFarmer(h, admin);
    const token = await serviceToken(TEST_PAYMENTS_CLIENT, 'identity:payout-accounts');
    const response = await call(h, 'GET', `/internal/v1/farms/${farmer.farmId}/payout-account`, { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.parse(payoutAccountSchema)).toEqual({
      farmId: farmer.farmId,
      bankCode: '011',
      accountNumber: '3011234567891',
      holderName: '박정호',
    });
  });

  it('answers 404 for a farm without a verified application', async () => {
    const token = await serviceToken(TEST_PAYMENTS_CLIENT, 'identity:payout-accounts');
    const response = await call(h, 'GET', `/internal/v1/farms/${crypto.randomUUID()}/payout-account`, { token });
    expect([response.status, response.problem.code]).toEqual([404, 'payout_account_not_found']);
  });

  it("is refused to people's tokens and to services without the scope", async () => {
    const farmer = await verifiedFarmer(h, admin);
    const path = `/internal/v1/farms/${farmer.farmId}/payout-account`;
    expect((await call(h, 'GET', path)).status).toBe(401);
    expect((await call(h, 'GET', path, { token: admin.accessToken })).status).toBe(403);
    expect((await call(h, 'GET', path, { token: (await signedInShopper(h)).accessToken })).status).toBe(403);
    const orders = await call(h, 'POST', '/v1/oauth/token', {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${btoa(`${TEST_SERVICE_CLIENT.clientId}:${TEST_SERVICE_CLIENT.clientSecret}`)}`,
      },
      body: 'grant_type=client_credentials&audience=identity&scope=identity:payout-accounts',
    });
    expect(orders.status).toBeGreaterThanOrEqual(400);
  });
});
