import { describeInternalSecuritySuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { LOGISTICS_AUDIENCE } from '../contract/promise.ts';
import { createHarness, type LogisticsHarness } from '../testing/harness.ts';

let h: LogisticsHarness;

beforeAll(async () => {
  h = await createHarness('internal-security');
});
afterAll(async () => {
  await h.close();
});

// The routes only other services call (orders' promise and bookings), found from /openapi.json.
describeInternalSecuritySuite('logistics', () => h, { audience: LOGISTICS_AUDIENCE, minimumInternalRoutes: 3 });
