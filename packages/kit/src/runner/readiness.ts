import type { RedisClient } from '@fruitables/bus';
import type { ReadinessCheck } from '../health.ts';

/** A `/readyz` check that Redis answers a PING on the service's connection. */
export const redisReadiness = (redis: Pick<RedisClient, 'ping'>): ReadinessCheck => ({
  name: 'redis',
  check: () => redis.ping(),
});

/** A `/readyz` check that a background loop (a consumer, the relay) is running. */
export const runningReadiness = (name: string, loop: { isRunning(): boolean }): ReadinessCheck => ({
  name,
  check: async () => {
    if (!loop.isRunning()) throw new Error(`${name} is not running`);
  },
});

/** Fails until `done` is called: a service whose start-up step (a first build) has not finished is not ready. */
export function startUpReadiness(): ReadinessCheck & { done(): void } {
  let finished = false;
  return {
    name: 'start-up',
    check: async () => {
      if (!finished) throw new Error('the start-up step has not finished');
    },
    done() {
      finished = true;
    },
  };
}
