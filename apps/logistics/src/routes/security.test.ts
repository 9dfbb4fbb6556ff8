import { describeSecuritySuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createHarness, type LogisticsHarness } from '../testing/harness.ts';

let h: LogisticsHarness;
const farmId = crypto.randomUUID();

beforeAll(async () => {
  h = await createHarness('logistics-security');
});
afterAll(async () => {
  await h.close();
});

// Shopper, farmer and admin routes, found from /openapi.json. The internal booking routes take
// scoped service tokens instead; internal-security.test.ts covers every one of them.
describeSecuritySuite('logistics', () => h, { minimumProtectedRoutes: 13, pathValues: () => ({ farmId }) });
