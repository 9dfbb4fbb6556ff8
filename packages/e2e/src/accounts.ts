import type { Platform } from '@fruitables/stack/platform';
import { callApi, expectStatus } from './api.ts';
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

export const logIn = (edge: string, account: Account): Promise<Session> =>
  expectStatus<Session>(callApi(edge, 'POST', '/api/identity/v1/sessions', { body: account }), 200, 'log in');

/** An admin account made the only way there is: identity's create-admin script, as `./fruitables admin create` runs it. */
export async function createAdmin(platform: Platform): Promise<Account> {
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
 * A farmer as the platform makes one: sign up, apply with the farm's business details, an
 * admin verifies (identity creates the farm id and tells catalog through FarmerVerified),
 * and the farmer's refreshed token carries the farm.
 */
export async function onboardFarmer(
  edge: string,
  admin: Account,
): Promise<{ farmId: string; token: string; account: Account }> {
  const farmer = await signUp(edge, '박농부');
  const session = await logIn(edge, farmer);
  const application = await expectStatus<{ id: string }>(
    callApi(edge, 'POST', '/api/identity/v1/farmer-applications', {
      token: session.accessToken,
      body: {
        farmName: '이투이 사과농원',
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
  const adminSession = await logIn(edge, admin);
  const verified = await expectStatus<{ farmId: string | null }>(
    callApi(edge, 'POST', `/api/identity/v1/admin/farmer-applications/${application.id}/verify`, {
      token: adminSession.accessToken,
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
