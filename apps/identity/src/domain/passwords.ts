import { TooManyRequests } from '@fruitables/core';
import { BulkheadRejectedError, bulkhead } from 'cockatiel';
import type { Argon2Limits } from './argon2-capacity.ts';

/** argon2id cost: memory in KiB and passes. Explicit, so a Bun upgrade cannot silently change them. */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
}

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash is weaker than the current parameters (or another algorithm): re-hash it now. */
  needsRehash: boolean;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Checks a password against a stored hash; with no hash, burns the same time against a dummy. */
  verify(password: string, storedHash: string | null | undefined): Promise<PasswordCheck>;
}

const ARGON2ID_PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/;

/** True when the PHC string was made with argon2id at least as costly as `params`. */
export function meetsParams(storedHash: string, params: Argon2Params): boolean {
  const match = ARGON2ID_PHC.exec(storedHash);
  if (!match) return false;
  return Number(match[1]) >= params.memoryCost && Number(match[2]) >= params.timeCost;
}

/**
 * Password hashing with argon2id via `Bun.password` (which runs it off the main thread).
 *
 * `verify` without a stored hash still runs a full verification against a dummy hash made
 * with the same parameters, so "no such account" and "wrong password" cost the same time
 * and cannot be told apart by a stopwatch.
 */
/** The argon2id implementation: `Bun.password` (off the main thread); tests wrap it to watch concurrency. */
export type Argon2Implementation = Pick<typeof Bun.password, 'hash' | 'verify'>;

export interface PasswordHasherOptions {
  /** The process-wide cap on argon2 work (see argon2-capacity.ts); none means unbounded. */
  limits?: Argon2Limits;
  argon2?: Argon2Implementation;
}

export function createPasswordHasher(params: Argon2Params, hasherOptions: PasswordHasherOptions = {}): PasswordHasher {
  const { limits } = hasherOptions;
  const argon2 = hasherOptions.argon2 ?? Bun.password;
  const options = { algorithm: 'argon2id' as const, memoryCost: params.memoryCost, timeCost: params.timeCost };
  // One gate for every argon2 call in the process (hash, verify, dummy): each holds memoryCost
  // KiB while it runs, so at most maxConcurrent run, maxQueued wait, and the rest are told to retry.
  const gate = limits ? bulkhead(limits.maxConcurrent, limits.maxQueued) : undefined;
  const gated = async <T>(work: () => Promise<T>): Promise<T> => {
    if (!gate || !limits) return work();
    try {
      return await gate.execute(work);
    } catch (error) {
      if (error instanceof BulkheadRejectedError) {
        throw new TooManyRequests(
          'Too many sign-ins at once; try again in a moment.',
          limits.retryAfterSeconds,
          'busy',
        );
      }
      throw error;
    }
  };
  let dummyHash: Promise<string> | undefined;
  const dummy = () => {
    dummyHash ??= gated(() => argon2.hash(crypto.randomUUID(), options));
    return dummyHash;
  };

  return {
    hash: (password) => gated(() => argon2.hash(password, options)),
    async verify(password, storedHash) {
      if (!storedHash) {
        const against = await dummy().catch((error: unknown) => {
          dummyHash = undefined; // a refused dummy must not stay cached as a rejection
          throw error;
        });
        await gated(() => argon2.verify(password, against).catch(() => false));
        return { ok: false, needsRehash: false };
      }
      let ok: boolean;
      try {
        ok = await gated(() => argon2.verify(password, storedHash));
      } catch (error) {
        if (error instanceof TooManyRequests) throw error;
        // A corrupt stored hash is a failed login, not a 500 that would tell the caller the account exists.
        ok = false;
      }
      return { ok, needsRehash: ok && !meetsParams(storedHash, params) };
    },
  };
}
