import { describeFuzzSuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { type CatalogHarness, createHarness, seedFarm } from '../testing/harness.ts';

let h: CatalogHarness;
let farmId: string;

beforeAll(async () => {
  h = await createHarness('fuzz');
  ({ farmId } = await seedFarm(h));
});
afterAll(async () => {
  await h.close();
});

describeFuzzSuite('catalog', () => h, {
  schema: 'catalog',
  runsPerOperation: 200,
  seed: 20261207,
  pathValues: () => ({ farmId }),
  withNulInPath: true,
  minimumOperations: 20,
});
