import { systemClock } from '@fruitables/core';
import {
  createRequestClient,
  createTestSigner,
  describeSecuritySuite,
  type SecurityTarget,
} from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp } from '../testing/app-harness.ts';
import { type FixtureCatalogServer, startFixtureCatalog } from '../testing/fixture-catalog-server.ts';
import { createTestSite, type TestSite } from '../testing/site-harness.ts';

let catalog: FixtureCatalogServer;
let site: TestSite;
let target: SecurityTarget;

beforeAll(async () => {
  catalog = startFixtureCatalog();
  site = await createTestSite(catalog.url);
  target = {
    client: createRequestClient(createTestApp(site)),
    signer: await createTestSigner(),
    clock: systemClock,
  };
});
afterAll(() => {
  site.close();
  catalog.stop();
});

// The storefront has no JSON API of its own today (prerendered pages and operations routes),
// so no route needs a token; a protected route it grows is checked here from /openapi.json.
describeSecuritySuite('storefront', () => target, { minimumProtectedRoutes: 0 });
