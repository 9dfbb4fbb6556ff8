import { sql } from 'drizzle-orm';
import { index, integer, jsonb, type PgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Where a run is in its life. `running` and `compensating` are live (the sweeper resumes
 * them); `completed` and `compensated` are settled; `failed` means a compensation gave up
 * and a person has to look (an effect may still be in place at a remote service).
 */
export const RUN_STATES = ['running', 'compensating', 'completed', 'compensated', 'failed'] as const;
export type RunState = (typeof RUN_STATES)[number];
export const LIVE_STATES: readonly RunState[] = ['running', 'compensating'];

/**
 * The persisted state machine of one service's workflows, declared in that service's own
 * Postgres schema (like its outbox), so a step's progress commits in the same transaction
 * as the service's rows and outbox events, under the service's own role and migrations.
 *
 * `step` is the index of the step to run next (`running`) or to undo next (`compensating`).
 * `attempts` counts attempts of that step that ended without success, a crash included
 * (a run claimed with an expired lease was abandoned mid-step). The partial index covers
 * exactly what the sweeper looks for, so it stays small however many runs have settled.
 */
export function createWorkflowRunsTable(schema: PgSchema) {
  return schema.table(
    'workflow_runs',
    {
      id: uuid('id').primaryKey(),
      kind: text('kind').notNull(),
      input: jsonb('input').$type<unknown>().notNull(),
      state: text('state', { enum: RUN_STATES }).notNull().default('running'),
      step: integer('step').notNull().default(0),
      results: jsonb('results').$type<Record<string, unknown>>().notNull().default({}),
      attempts: integer('attempts').notNull().default(0),
      nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
      leaseOwner: text('lease_owner'),
      leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
      /** Why the run compensated or failed (the refusal, or the last error of the step that gave up). */
      error: text('error'),
      /** The most recent failed attempt of the current step or compensation, while it is being retried. */
      lastError: text('last_error'),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
      settledAt: timestamp('settled_at', { withTimezone: true }),
    },
    (table) => [
      index('workflow_runs_due_idx').on(table.nextAttemptAt).where(sql`${table.state} in ('running', 'compensating')`),
    ],
  );
}

export type WorkflowRunsTable = ReturnType<typeof createWorkflowRunsTable>;
export type WorkflowRun = WorkflowRunsTable['$inferSelect'];
