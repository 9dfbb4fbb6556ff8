import { describeFuzzSuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createHarness, type OrdersHarness } from '../testing/harness.ts';

let h: OrdersHarness;

beforeAll(async () => {
  h = await createHarness('fuzz');
});
afterAll(async () => {
  await h.close();
});

describeFuzzSuite('orders', () => h, {
  schema: 'orders',
  runsPerOperation: 200,
  seed: 20261207,
  pathValues: () => ({ farmId: crypto.randomUUID() }),
  withNulInPath: true,
  minimumOperations: 23,
});
