import type { Executor } from '@fruitables/db';
import { and, asc, eq, getTableColumns, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { LIVE_STATES, type WorkflowRun, type WorkflowRunsTable } from './tables.ts';

export type RunPatch = PgUpdateSetSource<WorkflowRunsTable>;

export interface ClaimedRun {
  run: WorkflowRun;
  /** The lease had expired in someone else's hands: that process died or stalled mid-step. */
  abandoned: boolean;
}

const expiresIn = (ms: number) => sql`now() + ${ms} * interval '1 millisecond'`;

/**
 * Leases up to `limit` due runs (or the one run `onlyId`) to `owner`. Rows another sweeper
 * is claiming are skipped, not waited for, and a run whose lease is still current is left to
 * its holder, so two sweepers never drive one run at once. An abandoned lease counts as a
 * failed attempt of the step it was on: a step that kills its process every time must run
 * out of attempts instead of looping forever.
 */
export async function claimDueRuns<TSchema extends Record<string, unknown>>(
  db: Executor<TSchema>,
  runs: WorkflowRunsTable,
  options: { owner: string; leaseMs: number; limit: number; kinds: string[]; onlyId?: string },
): Promise<ClaimedRun[]> {
  const due = db.$with('due').as(
    db
      .select({ id: runs.id, abandoned: sql<boolean>`${runs.leaseOwner} is not null`.as('abandoned') })
      .from(runs)
      .where(
        and(
          inArray(runs.state, [...LIVE_STATES]),
          inArray(runs.kind, options.kinds),
          lte(runs.nextAttemptAt, sql`now()`),
          or(isNull(runs.leaseExpiresAt), lt(runs.leaseExpiresAt, sql`now()`)),
          options.onlyId === undefined ? undefined : eq(runs.id, options.onlyId),
        ),
      )
      .orderBy(asc(runs.nextAttemptAt))
      .limit(options.limit)
      .for('update', { skipLocked: true }),
  );
  const rows = await db
    .with(due)
    .update(runs)
    .set({
      leaseOwner: options.owner,
      leaseExpiresAt: expiresIn(options.leaseMs),
      attempts: sql`${runs.attempts} + case when ${due.abandoned} then 1 else 0 end`,
      updatedAt: sql`now()`,
    })
    .from(due)
    .where(eq(runs.id, due.id))
    .returning({ ...getTableColumns(runs), abandoned: due.abandoned });
  return rows.map(({ abandoned, ...run }) => ({ run, abandoned }));
}

/**
 * Moves a run on, but only if it is still where `run` says it is and still leased to
 * `owner`: a process whose lease expired (it stalled past it, and another sweeper took the
 * run) must not overwrite the newer state. Returns undefined when fenced out.
 */
export async function updateLeasedRun<TSchema extends Record<string, unknown>>(
  tx: Executor<TSchema>,
  runs: WorkflowRunsTable,
  run: WorkflowRun,
  owner: string,
  patch: RunPatch,
): Promise<WorkflowRun | undefined> {
  const [row] = await tx
    .update(runs)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(runs.id, run.id), eq(runs.leaseOwner, owner), eq(runs.state, run.state), eq(runs.step, run.step)))
    .returning();
  return row;
}

/** The patch that keeps the lease for another `leaseMs` (the next step starts with a full lease). */
export const renewLease = (leaseMs: number): RunPatch => ({ leaseExpiresAt: expiresIn(leaseMs) });

/** The patch that hands the run back to the sweepers, due after `delayMs`. */
export const releaseLease = (delayMs: number): RunPatch => ({
  leaseOwner: null,
  leaseExpiresAt: null,
  nextAttemptAt: expiresIn(delayMs),
});

/** The patch for a final state: no lease, never due again. */
export const settle = (state: 'completed' | 'compensated' | 'failed'): RunPatch => ({
  state,
  leaseOwner: null,
  leaseExpiresAt: null,
  settledAt: sql`now()`,
});

/** Adds one step's result to the run's results (JSON; `undefined` is kept as null so the key stays). */
export const withResult = (runs: WorkflowRunsTable, name: string, result: unknown): RunPatch => ({
  results: sql`${runs.results} || ${JSON.stringify({ [name]: result ?? null })}::text::jsonb`,
});
