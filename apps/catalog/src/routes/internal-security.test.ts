import { describeInternalSecuritySuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { CATALOG_AUDIENCE } from '../contract/internal-holds.ts';
import { type CatalogHarness, createHarness } from '../testing/harness.ts';

let h: CatalogHarness;

beforeAll(async () => {
  h = await createHarness('internal-security');
});
afterAll(async () => {
  await h.close();
});

// The routes only other services call (orders' stock holds), found from /openapi.json.
describeInternalSecuritySuite('catalog', () => h, { audience: CATALOG_AUDIENCE, minimumInternalRoutes: 3 });
