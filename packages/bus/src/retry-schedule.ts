import type { StreamEntry } from './stream-entries.ts';

/** Delay before the next attempt, given how many deliveries have already failed. */
export type Backoff = (failedAttempts: number) => number;

/** Doubles from `baseMs` up to `maxMs`, with ±20% jitter so a burst of failures does not retry in lockstep. */
export function exponentialBackoff(baseMs = 200, maxMs = 30_000): Backoff {
  return (failedAttempts) => {
    const delay = Math.min(maxMs, baseMs * 2 ** Math.max(0, failedAttempts - 1));
    return Math.round(delay * (0.8 + Math.random() * 0.4));
  };
}

export interface ScheduledRetry {
  stream: string;
  id: string;
  dueAt: number;
  /** XCLAIM's min-idle: if anyone touched the entry since, it is theirs now and we skip it. */
  minIdleMs: number;
}

/**
 * Failed entries stay pending in Redis (that is what makes a retry survive a crash); this
 * only remembers when this consumer should claim them back. Losing it loses nothing: the
 * entries are reclaimed by XAUTOCLAIM once idle long enough.
 */
export class RetrySchedule {
  readonly #retries = new Map<string, ScheduledRetry>();

  add(entry: StreamEntry, delayMs: number, now = Date.now()): void {
    this.#retries.set(`${entry.stream}\u0000${entry.id}`, {
      stream: entry.stream,
      id: entry.id,
      dueAt: now + delayMs,
      minIdleMs: delayMs,
    });
  }

  /** Removes and returns the retries that are due. */
  takeDue(now = Date.now()): ScheduledRetry[] {
    const due: ScheduledRetry[] = [];
    for (const [key, retry] of this.#retries) {
      if (retry.dueAt <= now) {
        due.push(retry);
        this.#retries.delete(key);
      }
    }
    return due;
  }

  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const retry of this.#retries.values()) if (next === undefined || retry.dueAt < next) next = retry.dueAt;
    return next;
  }

  get size(): number {
    return this.#retries.size;
  }
}
