import { describeFuzzSuite } from '@fruitables/kit/testing';
import { afterAll, beforeAll } from 'vitest';
import { createHarness, type LogisticsHarness } from '../testing/harness.ts';

let h: LogisticsHarness;
const farmId = crypto.randomUUID();

beforeAll(async () => {
  h = await createHarness('logistics-fuzz');
});
afterAll(async () => {
  await h.close();
});

describeFuzzSuite('logistics', () => h, {
  schema: 'logistics',
  runsPerOperation: 200,
  seed: 20261208,
  pathValues: () => ({ farmId }),
  withNulInPath: true,
  minimumOperations: 18,
});
