import { fileURLToPath } from 'node:url';
import type { MigrationContext } from '@fruitables/db';

export { orders, outbox, workflowRuns } from './testing/fixture-schema.ts';

/**
 * The workflow package's test-only schema (runs, outbox, orders), migrated into the test
 * template by `./fruitables test` so each test file's private database already has it.
 */
export const workflowFixtureContext: MigrationContext = {
  name: 'workflow_fixture',
  migrationsFolder: fileURLToPath(new URL('../fixture/drizzle', import.meta.url)),
};
