import type { Executor } from '@fruitables/db';
import type { Logger } from 'pino';
import {
  DEFAULT_COMPENSATION_RETRY,
  DEFAULT_RETRY,
  type RetryPolicy,
  type SettledRun,
  type WorkflowDefinition,
} from './definition.ts';
import { describeError, type RefusalClassifier, StepTimedOut } from './errors.ts';
import type { WorkflowMetrics } from './metrics.ts';
import { type RunPatch, releaseLease, renewLease, settle, updateLeasedRun, withResult } from './run-store.ts';
import type { WorkflowRun, WorkflowRunsTable } from './tables.ts';
import { callWithTimeout } from './timeout.ts';

/** A workflow with its types erased, as the engine holds it next to others. */
export type AnyWorkflow<TSchema extends Record<string, unknown>> = WorkflowDefinition<
  unknown,
  Record<string, unknown>,
  TSchema
>;

/**
 * A named instant in a run's life, reported synchronously to `checkpoint`. Crash tests kill
 * the process at each one; in production nobody listens.
 * - `before-call`: about to call the remote service;
 * - `after-call`: it answered (or failed), nothing recorded yet;
 * - `before-commit`: the new state is written in the open transaction, not yet committed;
 * - `after-commit`: the new state is durable.
 */
export interface WorkflowPoint {
  kind: string;
  runId: string;
  step: string;
  phase: 'run' | 'compensate';
  at: 'before-call' | 'after-call' | 'before-commit' | 'after-commit';
}

export interface DriverDeps<TSchema extends Record<string, unknown>> {
  db: Executor<TSchema>;
  runs: WorkflowRunsTable;
  owner: string;
  leaseMs: number;
  logger: Logger;
  metrics: WorkflowMetrics;
  isRefusal: RefusalClassifier;
  checkpoint?: (point: WorkflowPoint) => void;
}

type CallOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };
type FinalState = 'completed' | 'compensated' | 'failed';

/**
 * Drives one leased run as far as it can go: step after step, each result committed before
 * the next call, then (on a refusal or a step that gave up) compensations in reverse order.
 * Stops when the run settles, when a retry is scheduled (the lease is handed back), or when
 * the lease turns out to be someone else's. Returns the run as last written by this driver.
 */
export async function driveRun<TSchema extends Record<string, unknown>>(
  deps: DriverDeps<TSchema>,
  workflow: AnyWorkflow<TSchema>,
  claimed: WorkflowRun,
): Promise<WorkflowRun | undefined> {
  const log = deps.logger.child({ workflow: workflow.kind, runId: claimed.id });
  const steps = workflow.steps;

  const point = (run: WorkflowRun, step: string, phase: WorkflowPoint['phase'], at: WorkflowPoint['at']) =>
    deps.checkpoint?.({ kind: workflow.kind, runId: run.id, step, phase, at });

  const settledRun = (run: WorkflowRun): SettledRun<unknown, Record<string, unknown>> => ({
    runId: run.id,
    input: run.input,
    results: run.results,
    ...(run.error === null ? {} : { error: run.error }),
  });

  /** The highest step at or below `index` that has a compensation (-1 when none is left). */
  const nextToUndo = (index: number): number => {
    let candidate = index;
    while (candidate >= 0 && !steps[candidate]?.compensate) candidate -= 1;
    return candidate;
  };

  async function call(
    run: WorkflowRun,
    name: string,
    phase: WorkflowPoint['phase'],
    timeoutMs: number,
    invoke: (signal: AbortSignal) => Promise<unknown>,
  ): Promise<CallOutcome> {
    point(run, name, phase, 'before-call');
    const started = performance.now();
    let outcome: CallOutcome;
    try {
      outcome = { ok: true, value: await callWithTimeout(name, timeoutMs, invoke) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const label = outcome.ok
      ? 'ok'
      : deps.isRefusal(outcome.error)
        ? 'refused'
        : outcome.error instanceof StepTimedOut
          ? 'timed_out'
          : 'failed';
    deps.metrics.stepDuration.observe(
      { kind: workflow.kind, step: name, phase, outcome: label },
      (performance.now() - started) / 1000,
    );
    point(run, name, phase, 'after-call');
    return outcome;
  }

  /** Writes `patch` (and whatever the hook writes) in one transaction, fenced by the lease. */
  async function commit(
    run: WorkflowRun,
    step: string,
    phase: WorkflowPoint['phase'],
    patch: RunPatch,
    settledAs?: FinalState,
  ): Promise<WorkflowRun | undefined> {
    const next = await deps.db.transaction(async (tx) => {
      const updated = await updateLeasedRun(tx, deps.runs, run, deps.owner, patch);
      if (!updated) return undefined;
      if (settledAs === 'completed') await workflow.onCompleted?.(tx, settledRun(updated));
      if (settledAs === 'compensated') await workflow.onCompensated?.(tx, settledRun(updated));
      if (settledAs === 'failed') await workflow.onFailed?.(tx, settledRun(updated));
      point(run, step, phase, 'before-commit');
      return updated;
    });
    if (!next) {
      log.warn({ step, phase }, 'workflow lease lost; another sweeper has the run');
      return undefined;
    }
    point(run, step, phase, 'after-commit');
    if (settledAs) {
      deps.metrics.runsSettled.inc({ kind: workflow.kind, state: settledAs });
      log.info({ state: settledAs, error: next.error ?? undefined }, 'workflow run settled');
    }
    return next;
  }

  /** Starts undoing from step `from` down (the state and the first undo target commit together). */
  function compensateFrom(run: WorkflowRun, step: string, from: number, reason: string) {
    const target = nextToUndo(from);
    log.info({ step, reason }, 'workflow run compensating');
    if (target < 0) {
      return commit(run, step, 'run', { ...settle('compensated'), step: -1, error: reason }, 'compensated');
    }
    return commit(run, step, 'run', {
      state: 'compensating',
      step: target,
      attempts: 0,
      error: reason,
      lastError: null,
      ...renewLease(deps.leaseMs),
    });
  }

  function retryLater(
    run: WorkflowRun,
    step: string,
    phase: WorkflowPoint['phase'],
    policy: RetryPolicy,
    error: string,
  ) {
    const attempts = run.attempts + 1;
    const delayMs = policy.backoff(attempts);
    log.warn({ step, phase, attempts, delayMs, error }, 'workflow step failed; retrying');
    return commit(run, step, phase, { attempts, lastError: error, ...releaseLease(delayMs) });
  }

  async function runStep(run: WorkflowRun): Promise<WorkflowRun | undefined> {
    const step = steps[run.step];
    if (!step) {
      // Only a definition changed under a live run gets here (completion commits with the last step).
      return compensateFrom(run, `#${run.step}`, run.step - 1, `workflow ${workflow.kind} has no step ${run.step}`);
    }
    const policy = step.retry ?? DEFAULT_RETRY;
    if (run.attempts >= policy.maxAttempts) {
      // Out of attempts, crashes included: the step's outcome is unknown, so it is undone too.
      return compensateFrom(run, step.name, run.step, run.lastError ?? `gave up after ${run.attempts} attempts`);
    }
    const idempotencyKey = `${run.id}:${step.name}`;
    const outcome = await call(run, step.name, 'run', step.timeoutMs, (signal) =>
      step.run(
        { runId: run.id, idempotencyKey, attempt: run.attempts + 1, signal, logger: log },
        run.input,
        run.results,
      ),
    );
    if (outcome.ok) {
      const last = run.step + 1 === steps.length;
      const patch: RunPatch = {
        ...withResult(deps.runs, step.name, outcome.value),
        step: run.step + 1,
        attempts: 0,
        lastError: null,
        ...(last ? settle('completed') : renewLease(deps.leaseMs)),
      };
      return commit(run, step.name, 'run', patch, last ? 'completed' : undefined);
    }
    const error = describeError(outcome.error);
    // A refusal left no effect behind: undo only what came before it.
    if (deps.isRefusal(outcome.error)) return compensateFrom(run, step.name, run.step - 1, error);
    if (run.attempts + 1 >= policy.maxAttempts) return compensateFrom(run, step.name, run.step, error);
    return retryLater(run, step.name, 'run', policy, error);
  }

  async function undoStep(run: WorkflowRun): Promise<WorkflowRun | undefined> {
    const step = steps[run.step];
    const compensate = step?.compensate;
    if (!step || !compensate) {
      return commit(run, `#${run.step}`, 'compensate', { step: nextToUndo(run.step - 1), ...renewLease(deps.leaseMs) });
    }
    const policy = step.compensationRetry ?? DEFAULT_COMPENSATION_RETRY;
    const fail = (error: string) => {
      log.error({ step: step.name, error }, 'workflow compensation gave up; effects may remain');
      return commit(run, step.name, 'compensate', { ...settle('failed'), lastError: error }, 'failed');
    };
    if (run.attempts >= policy.maxAttempts) return fail(run.lastError ?? `gave up after ${run.attempts} attempts`);
    const stepKey = `${run.id}:${step.name}`;
    const ctx = {
      runId: run.id,
      idempotencyKey: `${stepKey}:undo`,
      stepKey,
      attempt: run.attempts + 1,
      logger: log,
    };
    const outcome = await call(run, step.name, 'compensate', step.timeoutMs, (signal) =>
      compensate({ ...ctx, signal }, run.input, run.results[step.name]),
    );
    if (outcome.ok) {
      const target = nextToUndo(run.step - 1);
      if (target < 0)
        return commit(run, step.name, 'compensate', { ...settle('compensated'), step: -1 }, 'compensated');
      return commit(run, step.name, 'compensate', {
        step: target,
        attempts: 0,
        lastError: null,
        ...renewLease(deps.leaseMs),
      });
    }
    const error = describeError(outcome.error);
    // A compensation that is refused outright will not be accepted by retrying it.
    if (deps.isRefusal(outcome.error) || run.attempts + 1 >= policy.maxAttempts) return fail(error);
    return retryLater(run, step.name, 'compensate', policy, error);
  }

  let current: WorkflowRun | undefined = claimed;
  // Released for a retry (no owner) or settled (not live): someone else's turn, or nobody's.
  while (current && current.leaseOwner === deps.owner) {
    current = current.state === 'running' ? await runStep(current) : await undoStep(current);
  }
  return current;
}
