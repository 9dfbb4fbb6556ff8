import { type Clock, systemClock } from '@fruitables/core';
import { CLOCK_TOLERANCE_SECONDS, type Principal } from './claims.ts';

/**
 * Access tokens whose signature and claims were already verified, so a token used for many
 * requests pays for ES256 verification once (it is most of the cost of a protected route).
 *
 * Safe because verification of the same string always gives the same answer, except for
 * time, which is re-checked on every hit. Revocation is not cached at all: the Redis
 * denylist is read on every request. One consequence to know: a signing key withdrawn from
 * the JWKS keeps already-seen tokens valid until they expire (≤ 15 min); to cut them off at
 * once, revoke their subjects (revoked-before) as well.
 */
export interface VerifiedTokenCache {
  get(token: string): Principal | undefined;
  set(token: string, principal: Principal): void;
}

export function createVerifiedTokenCache(options: { maxEntries?: number; clock?: Clock } = {}): VerifiedTokenCache {
  const maxEntries = options.maxEntries ?? 10_000;
  const clock = options.clock ?? systemClock;
  const entries = new Map<string, Principal>();
  return {
    get(token) {
      const principal = entries.get(token);
      if (!principal) return undefined;
      const now = clock.now().getTime();
      if (now > principal.expiresAt.getTime() + CLOCK_TOLERANCE_SECONDS * 1000) {
        entries.delete(token);
        return undefined;
      }
      return principal;
    },
    set(token, principal) {
      // A Map iterates in insertion order: evicting the first key drops the oldest entry.
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      entries.set(token, principal);
    },
  };
}
