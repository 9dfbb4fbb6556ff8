import { describeFuzzSuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createHarness, type PaymentsHarness } from '../testing/harness.ts';

let h: PaymentsHarness;

beforeAll(async () => {
  h = await createHarness('payments-fuzz');
});
afterAll(async () => {
  await h.close();
});

describeFuzzSuite('payments', () => h, {
  schema: 'payments',
  runsPerOperation: 200,
  seed: 20261213,
  withNulInPath: true,
  minimumOperations: 12,
});
