import { createHash } from 'node:crypto';
import type { RedisClient } from '@fruitables/bus';
import type { Clock } from '@fruitables/core';
import { TooManyRequests } from '@fruitables/core';
import { BEGIN_ATTEMPT, SETTLE_SUCCESS } from './login-throttle-scripts.ts';

/** When failures start locking, and how long the lock grows to. */
export interface LockPolicy {
  /** The failure that triggers the first lock; earlier failures only count. */
  lockAfterFailures: number;
  baseLockMs: number;
  /** The cap: a lock never lasts longer, however many failures. */
  maxLockMs: number;
  /** Failures older than this (without a new one) are forgotten. */
  windowMs: number;
}

/** A limit that never refuses: past it, every attempt waits a little longer before it is checked. */
export interface SlowDownPolicy {
  slowDownAfterFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

/*
 * Why three counters. A lock keyed on the email alone lets anyone keep a victim locked out for
 * good (one wrong guess every fifteen minutes, from anywhere), which the issue forbids. So the
 * lock is keyed on the email *at one address*: an attacker locks only themself, and the owner
 * signing in from home or their phone is untouched. An attacker spreading guesses over many
 * addresses is held back by the per-address lock (each address gets a handful of guesses per
 * email and at most `address.lockAfterFailures` overall) and, per email across all addresses,
 * by a much higher limit that only slows answers down: it makes a distributed guessing run
 * costlier and never turns into a lockout of the owner, who at worst waits a few seconds.
 */
export interface LoginThrottlePolicies {
  /** One email from one address: the owner's typos, or one attacker address, lock only there. */
  accountAtAddress: LockPolicy;
  /** One address across all emails; looser, because many shoppers share a carrier-grade NAT address. */
  address: LockPolicy;
  /** One email across all addresses: slows down, never locks. */
  account: SlowDownPolicy;
}

export const defaultThrottlePolicies: LoginThrottlePolicies = {
  accountAtAddress: { lockAfterFailures: 5, baseLockMs: 30_000, maxLockMs: 15 * 60_000, windowMs: 60 * 60_000 },
  address: { lockAfterFailures: 50, baseLockMs: 60_000, maxLockMs: 15 * 60_000, windowMs: 60 * 60_000 },
  account: { slowDownAfterFailures: 20, baseDelayMs: 500, maxDelayMs: 5_000, windowMs: 60 * 60_000 },
};

/** An attempt that was let through; it counts as a failure until `succeeded` says otherwise. */
export interface LoginAttemptGrant {
  /** How long the attempt was held back by the per-email slow-down (0 normally). */
  delayedMs: number;
  /** The password was right: clears the email's failures at this address and refunds the rest. */
  succeeded(): Promise<void>;
}

export interface LoginThrottle {
  /**
   * Counts the attempt as a failure *before* the password is checked, in one Redis script
   * together with the lock check, so parallel attempts cannot all pass the check before any
   * failure is recorded. Throws TooManyRequests while the email at this address, or the
   * address, is locked; waits out the per-email slow-down otherwise.
   */
  beginAttempt(email: string, ip: string): Promise<LoginAttemptGrant>;
}

export interface LoginThrottleOptions {
  redis: RedisClient;
  clock: Clock;
  policies?: LoginThrottlePolicies;
  keyPrefix?: string;
  /** Waits out a slow-down; injected so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const lockArguments = (policy: LockPolicy) => [
  String(policy.lockAfterFailures),
  String(policy.baseLockMs),
  String(policy.maxLockMs),
  String(policy.windowMs),
];

/** The script answers `[0, retryMs]` when locked, `[1, delayMs, addressLockWeSet]` when let through. */
function parseBeginReply(
  reply: unknown,
): { allowed: false; retryMs: number } | { allowed: true; delayMs: number; addressLock: string } {
  if (!Array.isArray(reply)) throw new Error('login throttle script answered an unexpected reply');
  const [allowed, ms, addressLock] = reply;
  if (allowed === 0) return { allowed: false, retryMs: Number(ms) };
  return { allowed: true, delayMs: Number(ms), addressLock: typeof addressLock === 'string' ? addressLock : '' };
}

/**
 * Per-(email, address), per-address and per-email login throttling. Email keys are derived
 * from the email as typed (normalised), whether or not an account exists, so a locked unknown
 * email and a locked real one answer alike; they are hashed so Redis never holds emails.
 */
export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const policies = options.policies ?? defaultThrottlePolicies;
  const prefix = options.keyPrefix ?? 'identity:login-throttle';
  const sleep = options.sleep ?? realSleep;
  const keysFor = (email: string, ip: string) => {
    const emailHash = createHash('sha256').update(email).digest('hex');
    return [`${prefix}:account-at:${emailHash}:${ip}`, `${prefix}:ip:${ip}`, `${prefix}:account:${emailHash}`];
  };

  return {
    async beginAttempt(email, ip) {
      const keys = keysFor(email, ip);
      const now = options.clock.now().getTime();
      const slowDown = policies.account;
      const begun = parseBeginReply(
        await options.redis.eval(BEGIN_ATTEMPT, {
          keys,
          arguments: [
            String(now),
            ...lockArguments(policies.accountAtAddress),
            ...lockArguments(policies.address),
            String(slowDown.slowDownAfterFailures),
            String(slowDown.baseDelayMs),
            String(slowDown.maxDelayMs),
            String(slowDown.windowMs),
          ],
        }),
      );
      if (!begun.allowed) {
        throw new TooManyRequests(
          'Too many failed sign-in attempts. Wait a little and try again.',
          Math.ceil(begun.retryMs / 1000),
          'login_throttled',
        );
      }
      if (begun.delayMs > 0) await sleep(begun.delayMs);
      return {
        delayedMs: begun.delayMs,
        async succeeded() {
          await options.redis.eval(SETTLE_SUCCESS, { keys, arguments: [begun.addressLock] });
        },
      };
    },
  };
}
