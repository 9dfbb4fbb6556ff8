import { describeFuzzSuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createHarness, type IdentityHarness } from '../testing/harness.ts';

let h: IdentityHarness;

beforeAll(async () => {
  h = await createHarness('fuzz');
});
afterAll(async () => {
  await h.close();
});

describeFuzzSuite('identity', () => h, {
  schema: 'identity',
  runsPerOperation: 200,
  seed: 20261207,
  withNulInPath: true,
  minimumOperations: 25,
});
