import type { RedisClient } from '@fruitables/bus';
import type { Clock } from '@fruitables/core';
import { TooManyRequests } from '@fruitables/core';

/** How many sign-ups one address may start per window. */
export interface SignUpThrottlePolicy {
  maxSignUps: number;
  windowMs: number;
}

/*
 * Every sign-up hashes a password with argon2id (64 MiB by default), whether or not the email
 * is taken, so an unthrottled sign-up endpoint lets one address burn the server's memory and
 * CPU. Generous enough for a carrier-grade NAT address shared by many shoppers.
 */
export const defaultSignUpThrottlePolicy: SignUpThrottlePolicy = { maxSignUps: 20, windowMs: 10 * 60_000 };

export interface SignUpThrottle {
  /** Counts a sign-up from `ip` before any hashing; throws TooManyRequests past the limit. */
  countSignUp(ip: string): Promise<void>;
}

export interface SignUpThrottleOptions {
  redis: RedisClient;
  clock: Clock;
  policy?: SignUpThrottlePolicy;
  keyPrefix?: string;
}

/** A fixed window per address, on the injected clock (so tests move past it without sleeping). */
export function createSignUpThrottle(options: SignUpThrottleOptions): SignUpThrottle {
  const policy = options.policy ?? defaultSignUpThrottlePolicy;
  const prefix = options.keyPrefix ?? 'identity:sign-up-throttle';
  return {
    async countSignUp(ip) {
      const now = options.clock.now().getTime();
      const window = Math.floor(now / policy.windowMs);
      const key = `${prefix}:${ip}:${window}`;
      // INCR is atomic, so parallel sign-ups cannot all read "under the limit".
      const count = await options.redis.incr(key);
      if (count === 1) await options.redis.pExpire(key, policy.windowMs * 2);
      if (count > policy.maxSignUps) {
        const windowEndsAt = (window + 1) * policy.windowMs;
        throw new TooManyRequests(
          'Too many sign-ups from your network. Wait a little and try again.',
          Math.ceil((windowEndsAt - now) / 1000),
          'sign_up_throttled',
        );
      }
    },
  };
}
