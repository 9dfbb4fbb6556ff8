import { describeSecuritySuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createHarness, type OrdersHarness } from '../testing/harness.ts';

let h: OrdersHarness;

beforeAll(async () => {
  h = await createHarness('security');
});
afterAll(async () => {
  await h.close();
});

// Every shopper, farmer and admin route, found from /openapi.json (the gift-address link routes are
// public by design, `security: []`: the signed link is the credential). The internal route takes
// scoped service tokens instead; internal-security.test.ts covers it.
describeSecuritySuite('orders', () => h, {
  minimumProtectedRoutes: 18,
  pathValues: () => ({ farmId: crypto.randomUUID() }),
});
