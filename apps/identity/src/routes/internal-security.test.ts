import { describeInternalSecuritySuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { IDENTITY_AUDIENCE } from '../contract/internal-payout-accounts.ts';
import { createHarness, type IdentityHarness } from '../testing/harness.ts';

let h: IdentityHarness;

beforeAll(async () => {
  h = await createHarness('internal-security');
});
afterAll(async () => {
  await h.close();
});

// The routes only other services call (payments' look at a farm's payout account), found from /openapi.json.
describeInternalSecuritySuite('identity', () => h, { audience: IDENTITY_AUDIENCE, minimumInternalRoutes: 1 });
