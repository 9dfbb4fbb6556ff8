import { CalleeProblem } from '@fruitables/kit/client';
import { StepRefused } from '@fruitables/workflow';

/** Answers that will be the same however often we ask: the callee judged the request itself. */
const DEFINITIVE_STATUSES = new Set([400, 404, 409, 422]);

/**
 * Calls `call`, turning the callee's definitive refusals (sold out, date full, hold expired)
 * into `StepRefused` with the callee's code and detail, so the workflow compensates at once
 * instead of retrying. A timeout, a 5xx, our own token refused (401) stay transient.
 */
export async function refusing<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof CalleeProblem && DEFINITIVE_STATUSES.has(error.problem.status)) {
      throw new StepRefused(error.problem.code, error.problem.detail, { cause: error });
    }
    throw error;
  }
}

/** The callee's problem code when `error` is a definitive refusal of it, else undefined. */
export function refusalCode(error: unknown): string | undefined {
  if (error instanceof StepRefused) return error.code;
  if (error instanceof CalleeProblem && DEFINITIVE_STATUSES.has(error.problem.status)) return error.problem.code;
  return undefined;
}

/** The code a settled run's `error` starts with (`sold_out: …` as the engine records a refusal). */
export function errorCodeOf(error: string | undefined | null): string {
  const code = error?.split(':')[0]?.trim() ?? '';
  return /^[a-z_]+$/.test(code) ? code : 'checkout_failed';
}
