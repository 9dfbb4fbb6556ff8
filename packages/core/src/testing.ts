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
