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
export function createPasswordHasher(params: Argon2Params): PasswordHasher {
  const options = { algorithm: 'argon2id' as const, memoryCost: params.memoryCost, timeCost: params.timeCost };
  let dummyHash: Promise<string> | undefined;
  const dummy = () => {
    dummyHash ??= Bun.password.hash(crypto.randomUUID(), options);
    return dummyHash;
  };

  return {
    hash: (password) => Bun.password.hash(password, options),
    async verify(password, storedHash) {
      if (!storedHash) {
        await Bun.password.verify(password, await dummy()).catch(() => false);
        return { ok: false, needsRehash: false };
      }
      let ok: boolean;
      try {
        ok = await Bun.password.verify(password, storedHash);
      } catch {
        // A corrupt stored hash is a failed login, not a 500 that would tell the caller the account exists.
        ok = false;
      }
      return { ok, needsRehash: ok && !meetsParams(storedHash, params) };
    },
  };
}
