import { type Backoff, exponentialBackoff } from '@fruitables/bus';
import type { Executor } from '@fruitables/db';
import type { Logger } from 'pino';

/** What a step's call gets: the key to hand the remote service, a deadline, and who is asking. */
export interface StepContext {
  runId: string;
  /** `${runId}:${step}`: the same on every attempt and after every crash, so the remote side applies the effect once. */
  idempotencyKey: string;
  /** 1 for the first attempt (crashed attempts count). */
  attempt: number;
  /** Aborted when the step's `timeoutMs` has passed; pass it to `fetch`. */
  signal: AbortSignal;
  logger: Logger;
}

/** What a compensation gets: its own key (`${runId}:${step}:undo`) and the key of the effect it undoes. */
export interface CompensationContext extends StepContext {
  /** The key the step used, which names the effect to undo at the remote service. */
  stepKey: string;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. A step that runs out is compensated; a compensation that runs out fails the run. */
  maxAttempts: number;
  backoff: Backoff;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoff: exponentialBackoff(500, 30_000) };
/** Compensations must happen eventually; they get more patience than forward steps. */
export const DEFAULT_COMPENSATION_RETRY: RetryPolicy = { maxAttempts: 10, backoff: exponentialBackoff(1_000, 300_000) };

/**
 * One step. `run` must be idempotent under its key (same key, same result, one effect),
 * and `compensate` too, including for a key the remote side never saw (the step may have
 * timed out before reaching it): it must then remember the key as cancelled, so a late
 * arrival of the original call is refused rather than applied.
 */
export interface WorkflowStep<TInput, TResults, K extends keyof TResults & string> {
  name: K;
  run(ctx: StepContext, input: TInput, results: Partial<TResults>): Promise<TResults[K]>;
  /**
   * Undoes the step. `result` is undefined when the step's outcome is unknown (it timed out
   * or kept failing): the compensation is still called, with the step's key, to be sure.
   */
  compensate?(ctx: CompensationContext, input: TInput, result: TResults[K] | undefined): Promise<void>;
  timeoutMs: number;
  retry?: RetryPolicy;
  compensationRetry?: RetryPolicy;
}

type AnyStep<TInput, TResults> = {
  [K in keyof TResults & string]: WorkflowStep<TInput, TResults, K>;
}[keyof TResults & string];

/** What the settlement hooks see; they run in the transaction that settles the run. */
export interface SettledRun<TInput, TResults> {
  runId: string;
  input: TInput;
  results: Partial<TResults>;
  /** Why the run compensated or failed. */
  error?: string;
}

export interface WorkflowDefinition<
  TInput,
  TResults extends Record<string, unknown>,
  TSchema extends Record<string, unknown> = Record<string, never>,
> {
  /** Stored with each run; unique within a service. */
  kind: string;
  steps: readonly AnyStep<TInput, TResults>[];
  /** Written with the last step's result: outbox events (e.g. OrderAwaitingPayment) and the service's own rows. */
  onCompleted?(tx: Executor<TSchema>, run: SettledRun<TInput, TResults>): Promise<void>;
  /** Written with the last compensation (e.g. the order cancelled, an OrderCancelled event). */
  onCompensated?(tx: Executor<TSchema>, run: SettledRun<TInput, TResults>): Promise<void>;
  /** Written when a compensation gave up: something may still be held remotely; raise it. */
  onFailed?(tx: Executor<TSchema>, run: SettledRun<TInput, TResults>): Promise<void>;
}

/** Declares a workflow; the identity function that gives its steps their types. */
export function defineWorkflow<
  TInput,
  TResults extends Record<string, unknown>,
  TSchema extends Record<string, unknown> = Record<string, never>,
>(definition: WorkflowDefinition<TInput, TResults, TSchema>): WorkflowDefinition<TInput, TResults, TSchema> {
  const names = definition.steps.map((step) => step.name);
  if (new Set(names).size !== names.length) throw new Error(`workflow ${definition.kind} repeats a step name`);
  if (names.length === 0) throw new Error(`workflow ${definition.kind} has no steps`);
  return definition;
}
