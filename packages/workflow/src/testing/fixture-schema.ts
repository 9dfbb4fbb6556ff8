import { createOutboxTable } from '@fruitables/bus';
import { pgSchema, text, uuid } from 'drizzle-orm/pg-core';
import { createWorkflowRunsTable } from '../tables.ts';

/**
 * The workflow package's test context, shaped like a service that orchestrates: its runs,
 * its outbox, and `orders`, the service's own row a run is started with and settles.
 */
// Not exported: the migrate runner creates the schema (see packages/bus/src/testing/fixture-schema.ts).
const workflowFixture = pgSchema('workflow_fixture');

export const workflowRuns = createWorkflowRunsTable(workflowFixture);
export const outbox = createOutboxTable(workflowFixture);

export const orders = workflowFixture.table('orders', {
  id: uuid('id').primaryKey(),
  status: text('status', { enum: ['placed', 'confirmed', 'cancelled', 'stuck'] }).notNull(),
});
