import { StepTimedOut } from './errors.ts';

/**
 * Runs `call` with an abort signal that fires after `timeoutMs`, and stops waiting for it
 * then even if it ignores the signal: a step that hangs must not hold its run (and the
 * lease) forever. What the abandoned call did is settled by retrying or undoing it under
 * the same idempotency key.
 */
export async function callWithTimeout<T>(
  stepName: string,
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new StepTimedOut(stepName, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
