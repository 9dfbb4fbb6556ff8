/**
 * A remote service said no, definitively (out of stock, slot full, card declined): trying
 * again with the same key would get the same answer, so the workflow compensates at once
 * instead of retrying. The refused step itself had no effect, so it is not undone.
 *
 * Anything else a step throws (a timeout, a 5xx, a reset connection) is transient: the
 * step is retried with the same idempotency key, within its retry policy.
 */
export class StepRefused extends Error {
  override readonly name = 'StepRefused';
  /** A stable reason the run records and its `onCompensated` hook can pass on (e.g. `out_of_stock`). */
  readonly code: string;

  constructor(code: string, message: string = code, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** A step or compensation ran past its `timeoutMs`. Transient: its outcome at the remote side is unknown. */
export class StepTimedOut extends Error {
  override readonly name = 'StepTimedOut';

  constructor(step: string, timeoutMs: number) {
    super(`step ${step} did not finish within ${timeoutMs} ms`);
  }
}

/** Decides whether a thrown error is a definitive refusal; the default knows only `StepRefused`. */
export type RefusalClassifier = (error: unknown) => boolean;

export const isStepRefused: RefusalClassifier = (error) => error instanceof StepRefused;

export function describeError(error: unknown): string {
  if (error instanceof StepRefused) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
