import { describeInternalSecuritySuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { PAYMENTS_AUDIENCE } from '../contract/internal-refunds.ts';
import { createHarness, type PaymentsHarness } from '../testing/harness.ts';

let h: PaymentsHarness;

beforeAll(async () => {
  h = await createHarness('internal-security');
});
afterAll(async () => {
  await h.close();
});

// The routes only other services call (orders' refunds), found from /openapi.json.
describeInternalSecuritySuite('payments', () => h, { audience: PAYMENTS_AUDIENCE, minimumInternalRoutes: 1 });
