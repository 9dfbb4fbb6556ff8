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

// Farmer routes (every {farmId} route with a token) and the internal hold routes, found from /openapi.json.
describeSecuritySuite('catalog', () => h, { minimumProtectedRoutes: 16, pathValues: () => ({ farmId }) });
