import { describeSecuritySuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { type CatalogHarness, createHarness, seedFarm } from '../testing/harness.ts';

let h: CatalogHarness;
let farmId: string;

beforeAll(async () => {
  h = await createHarness('security');
  ({ farmId } = await seedFarm(h));
});
afterAll(async () => {
  await h.close();
});

// Farmer routes (every {farmId} route with a token), found from /openapi.json. The internal hold
// routes take scoped service tokens instead, and internal-security.test.ts covers every one of them.
describeSecuritySuite('catalog', () => h, { minimumProtectedRoutes: 12, pathValues: () => ({ farmId }) });
