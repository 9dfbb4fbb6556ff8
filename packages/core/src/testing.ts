import type { Clock } from './time.ts';

/** A clock tests move by hand, so expiry and throttling are tested without sleeping. */
export interface TestClock extends Clock {
  advance(ms: number): void;
}

/** Starts at the real time, so Redis TTLs and JWT checks made against it stay sensible. */
export function createTestClock(start = new Date()): TestClock {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms) {
      now += ms;
    },
  };
}

/** Polls until `check` holds; fails naming `what` after `timeoutMs`. Tests wait for outcomes, never for fixed sleeps. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
