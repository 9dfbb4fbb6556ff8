import { describeSecuritySuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createHarness, type PaymentsHarness } from '../testing/harness.ts';

let h: PaymentsHarness;
const farmId = '0196f0c2-7b3a-7c1e-8f00-000000000300';

beforeAll(async () => {
  h = await createHarness('payments-security');
});
afterAll(async () => {
  await h.close();
});

// Shopper routes, found from /openapi.json. The internal refund route takes scoped service
// tokens instead (internal-security.test.ts); the webhook has no auth by design (its body is
// never trusted: payments asks the PG).
describeSecuritySuite('payments', () => h, { minimumProtectedRoutes: 10, pathValues: () => ({ farmId }) });
