import type { RedisClient } from '@fruitables/bus';
import { type Clock, TooManyRequests } from '@fruitables/core';

/** Limits on the endpoints that make us send mail (reset, resend verification). */
export interface MailRequestPolicy {
  /** Requests one address may make per window: past it, 429. */
  perAddress: number;
  /** Mails one mailbox may get per window: past it, the request is still accepted but nothing is sent. */
  perMailbox: number;
  windowMs: number;
}

export const defaultMailRequestPolicy: MailRequestPolicy = { perAddress: 20, perMailbox: 5, windowMs: 60 * 60_000 };

/*
 * Two limits with two different answers. Per client address the answer is a 429, which says
 * nothing about any account. Per mailbox it must not be: a 429 there would let anyone lock a
 * victim out of resetting their password by asking for it six times. So past the mailbox limit
 * the request gets the same 202 and simply sends nothing, which also caps how much mail one
 * person can make us send to someone else.
 */
export interface MailRequestThrottle {
  countRequest(ip: string): Promise<void>;
  /** Whether one more mail may go to `email` now; counts it when it may. */
  allowMailTo(email: string): Promise<boolean>;
}

export function createMailRequestThrottle(options: {
  redis: RedisClient;
  clock: Clock;
  policy?: MailRequestPolicy;
}): MailRequestThrottle {
  const policy = options.policy ?? defaultMailRequestPolicy;
  const count = async (key: string) => {
    const window = Math.floor(options.clock.now().getTime() / policy.windowMs);
    const windowKey = `identity:mail-throttle:${key}:${window}`;
    const value = await options.redis.incr(windowKey);
    if (value === 1) await options.redis.pExpire(windowKey, policy.windowMs * 2);
    return { value, windowEndsAt: (window + 1) * policy.windowMs };
  };
  return {
    async countRequest(ip) {
      const { value, windowEndsAt } = await count(`ip:${ip}`);
      if (value > policy.perAddress) {
        throw new TooManyRequests(
          'Too many requests from your network. Wait a little and try again.',
          Math.ceil((windowEndsAt - options.clock.now().getTime()) / 1000),
          'mail_requests_throttled',
        );
      }
    },
    async allowMailTo(email) {
      return (await count(`to:${email}`)).value <= policy.perMailbox;
    },
  };
}
