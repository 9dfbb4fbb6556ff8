/** What `withDeadline` settles with when the work did not finish in time. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

interface Pending {
  /** `performance.now()` by which the work must have settled. */
  deadline: number;
  expire(): void;
}

/**
 * Races each request's handling against one shared timeout, with ONE timer for all of them.
 *
 * Why not `setTimeout` + `Promise.race` per request: that is a timer armed and cleared, and
 * two extra promises, on every request of every service (~1–2 µs of CPU over HTTP), to guard
 * against the rare request that hangs. Every request gets the same timeout, so deadlines
 * arrive in the order requests do: the pending ones are kept in a Set (insertion order =
 * deadline order) and a single timer is armed for the oldest. When it fires it expires what
 * is due and re-arms for the next; under steady load it fires about once per timeout, not
 * once per request. A request that overruns is still answered within a few ms of its deadline.
 */
export function createDeadlines(timeoutMs: number): <T>(work: Promise<T>) => Promise<T | typeof TIMED_OUT> {
  const pending = new Set<Pending>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const arm = (delayMs: number) => {
    timer = setTimeout(expireDue, Math.max(Math.ceil(delayMs), 1));
    // The server keeps the process alive; this timer alone must not (tests, shutdown).
    timer.unref();
  };
  function expireDue() {
    timer = undefined;
    const now = performance.now();
    for (const entry of pending) {
      if (entry.deadline > now) {
        arm(entry.deadline - now);
        return;
      }
      pending.delete(entry);
      entry.expire();
    }
  }

  return <T>(work: Promise<T>) =>
    new Promise<T | typeof TIMED_OUT>((resolve, reject) => {
      const entry: Pending = { deadline: performance.now() + timeoutMs, expire: () => resolve(TIMED_OUT) };
      pending.add(entry);
      if (timer === undefined) arm(timeoutMs);
      work.then(
        (value) => {
          pending.delete(entry);
          resolve(value);
        },
        (error: unknown) => {
          pending.delete(entry);
          reject(error);
        },
      );
    });
}
