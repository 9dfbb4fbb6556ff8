import { describeInternalSecuritySuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { ORDERS_AUDIENCE } from '../contract/internal-payments.ts';
import { createHarness, type OrdersHarness } from '../testing/harness.ts';

let h: OrdersHarness;

beforeAll(async () => {
  h = await createHarness('internal-security');
});
afterAll(async () => {
  await h.close();
});

// The routes only other services call (payments' look at an order's payable amount), found from /openapi.json.
describeInternalSecuritySuite('orders', () => h, { audience: ORDERS_AUDIENCE, minimumInternalRoutes: 1 });
