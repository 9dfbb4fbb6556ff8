import { hostname } from 'node:os';
import { newId } from '@fruitables/core';
import type { Executor } from '@fruitables/db';
import { and, count, inArray, min, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { WorkflowDefinition } from './definition.ts';
import { type AnyWorkflow, driveRun, type WorkflowPoint } from './drive-run.ts';
import { isStepRefused, type RefusalClassifier } from './errors.ts';
import type { WorkflowMetrics } from './metrics.ts';
import { claimDueRuns } from './run-store.ts';
import { LIVE_STATES, type WorkflowRun, type WorkflowRunsTable } from './tables.ts';

export interface WorkflowEngineDeps<TSchema extends Record<string, unknown>> {
  /** The service's pool; each step's result commits in a transaction of its own. */
  db: Executor<TSchema>;
  /** The service's `workflow_runs` table, from `createWorkflowRunsTable(itsSchema)`. */
  runs: WorkflowRunsTable;
  workflows: readonly AnyWorkflow<TSchema>[];
  logger: Logger;
  metrics: WorkflowMetrics;
  /**
   * How long a claim holds a run before another process may take it over. Must exceed every
   * step's `timeoutMs` with room for a commit: a slow but alive driver keeps its run, and a
   * dead one's runs resume this long after it died.
   */
  leaseMs?: number;
  /** Which thrown errors are definitive refusals (compensate now) rather than transient (retry). */
  isRefusal?: RefusalClassifier;
  /** Names this process in leases; defaults to host, pid and a random suffix. */
  owner?: string;
  /** Called synchronously at each named point of a run (crash tests kill the process there). */
  checkpoint?: (point: WorkflowPoint) => void;
}

export interface StartOptions {
  /** The run's id, e.g. the order's id, so step keys can be traced from the order. Default: a new UUIDv7. */
  id?: string;
}

export interface SweeperOptions {
  /** Pause between sweeps that found nothing due. */
  intervalMs?: number;
  /** Runs claimed and driven concurrently per sweep. */
  batchSize?: number;
}

export interface Sweeper {
  stop(): Promise<void>;
}

export interface WorkflowEngine<TSchema extends Record<string, unknown>> {
  /**
   * Records a new run in the caller's transaction, so the run exists if and only if the
   * caller's own rows (the order, its OrderPlaced event) commit. Nothing runs yet: call
   * `runNow` after the commit, or let a sweeper find it.
   */
  start<TInput, TResults extends Record<string, unknown>>(
    tx: Executor<TSchema>,
    workflow: WorkflowDefinition<TInput, TResults, TSchema>,
    input: TInput,
    options?: StartOptions,
  ): Promise<string>;
  /** Drives one run now if it is due and nobody holds it; returns it as last written (undefined if not claimed). */
  runNow(runId: string): Promise<WorkflowRun | undefined>;
  /** Claims and drives one batch of due runs (abandoned ones included); returns how many it claimed. */
  sweepOnce(batchSize?: number): Promise<number>;
  /** Sweeps in the background until stopped (for the service's background jobs). */
  startSweeper(options?: SweeperOptions): Sweeper;
  /** Refreshes the live-run gauges from the table. */
  refreshGauges(): Promise<void>;
}

const DEFAULT_LEASE_MS = 30_000;
// Room for the commit after a step that used all of its timeout.
const LEASE_MARGIN_MS = 500;

export function createWorkflowEngine<TSchema extends Record<string, unknown>>(
  deps: WorkflowEngineDeps<TSchema>,
): WorkflowEngine<TSchema> {
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const byKind = new Map<string, AnyWorkflow<TSchema>>();
  for (const workflow of deps.workflows) {
    if (byKind.has(workflow.kind)) throw new Error(`workflow kind ${workflow.kind} is registered twice`);
    for (const step of workflow.steps) {
      if (step.timeoutMs + LEASE_MARGIN_MS > leaseMs) {
        throw new Error(
          `workflow ${workflow.kind} step ${step.name}: timeoutMs ${step.timeoutMs} leaves no room in a ${leaseMs} ms lease`,
        );
      }
    }
    byKind.set(workflow.kind, workflow);
  }
  const kinds = [...byKind.keys()];
  const driverDeps = {
    db: deps.db,
    runs: deps.runs,
    owner,
    leaseMs,
    logger: deps.logger,
    metrics: deps.metrics,
    isRefusal: deps.isRefusal ?? isStepRefused,
    ...(deps.checkpoint ? { checkpoint: deps.checkpoint } : {}),
  };

  async function drive(claimed: WorkflowRun, abandoned: boolean): Promise<WorkflowRun | undefined> {
    const workflow = byKind.get(claimed.kind);
    if (!workflow) throw new Error(`claimed a run of unregistered kind ${claimed.kind}`);
    if (abandoned) {
      deps.metrics.runsResumed.inc({ kind: claimed.kind });
      deps.logger.info(
        { workflow: claimed.kind, runId: claimed.id, state: claimed.state, step: claimed.step },
        'workflow run resumed',
      );
    }
    return driveRun(driverDeps, workflow, claimed);
  }

  async function sweepOnce(batchSize = 8): Promise<number> {
    const claimed = await claimDueRuns(deps.db, deps.runs, { owner, leaseMs, limit: batchSize, kinds });
    // One run's trouble must not stop the others; its lease expires and a later sweep retries it.
    const outcomes = await Promise.allSettled(claimed.map(({ run, abandoned }) => drive(run, abandoned)));
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') deps.logger.error({ err: outcome.reason }, 'workflow run failed to advance');
    }
    return claimed.length;
  }

  async function refreshGauges(): Promise<void> {
    const rows = await deps.db
      .select({
        kind: deps.runs.kind,
        state: deps.runs.state,
        live: count(),
        oldestSeconds: sql<number>`coalesce(extract(epoch from now() - ${min(deps.runs.createdAt)}), 0)::float8`,
      })
      .from(deps.runs)
      .where(and(inArray(deps.runs.state, [...LIVE_STATES]), inArray(deps.runs.kind, kinds)))
      .groupBy(deps.runs.kind, deps.runs.state);
    deps.metrics.runsLive.reset();
    for (const kind of kinds) deps.metrics.oldestLiveRunSeconds.set({ kind }, 0);
    const oldest = new Map<string, number>();
    for (const row of rows) {
      deps.metrics.runsLive.set({ kind: row.kind, state: row.state }, row.live);
      oldest.set(row.kind, Math.max(oldest.get(row.kind) ?? 0, Number(row.oldestSeconds)));
    }
    for (const [kind, seconds] of oldest) deps.metrics.oldestLiveRunSeconds.set({ kind }, seconds);
  }

  return {
    async start(tx, workflow, input, options = {}) {
      if (byKind.get(workflow.kind) !== (workflow as unknown)) {
        throw new Error(`workflow ${workflow.kind} is not registered with this engine`);
      }
      const id = options.id ?? newId();
      await tx.insert(deps.runs).values({ id, kind: workflow.kind, input });
      deps.metrics.runsStarted.inc({ kind: workflow.kind });
      return id;
    },

    async runNow(runId) {
      const [claimed] = await claimDueRuns(deps.db, deps.runs, { owner, leaseMs, limit: 1, kinds, onlyId: runId });
      return claimed ? drive(claimed.run, claimed.abandoned) : undefined;
    },

    sweepOnce,
    refreshGauges,

    startSweeper(options = {}) {
      const intervalMs = options.intervalMs ?? 1_000;
      let stopping = false;
      let wake: (() => void) | undefined;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const loop = (async () => {
        while (!stopping) {
          let claimed = 0;
          try {
            claimed = await sweepOnce(options.batchSize);
            await refreshGauges();
          } catch (error) {
            deps.logger.error({ err: error }, 'workflow sweep failed');
          }
          // A full batch suggests more are due: sweep again at once.
          if (claimed >= (options.batchSize ?? 8) || stopping) continue;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, intervalMs);
          });
        }
      })();
      return {
        async stop() {
          stopping = true;
          clearTimeout(timer);
          wake?.();
          await loop;
        },
      };
    },
  };
}
