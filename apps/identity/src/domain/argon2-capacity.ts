/** How many argon2 computations may hold memory at once, and how many may wait for a turn. */
export interface Argon2Limits {
  maxConcurrent: number;
  maxQueued: number;
  /** What a refused caller is told to wait (Retry-After). */
  retryAfterSeconds: number;
}

export interface Argon2CapacityInput {
  /** The pod's memory limit in MiB (K3s: the downward API), when known. */
  memoryLimitMib?: number | undefined;
  /** What the process needs besides argon2: runtime, pools, caches. */
  baselineMib: number;
  /** argon2id memory per computation, KiB. */
  memoryCostKib: number;
  /** An explicit cap wins over the derived one. */
  maxConcurrent?: number | undefined;
  maxQueued: number;
}

/** Without a known memory limit: what a 512 MiB pod with a 160 MiB baseline fits at 64 MiB. */
const DEFAULT_CONCURRENT = 4;

/**
 * The argon2 cap for this process: explicit, or as many 64 MiB (memoryCost) buffers as fit
 * between the baseline and the memory limit, floor((limit − baseline) / memoryCost), at least
 * one. Each argon2id computation allocates its whole memoryCost at once, so the cap, not the
 * request rate, is what keeps a login burst from exceeding the limit and getting OOM-killed.
 */
export function argon2LimitsFor(input: Argon2CapacityInput): Argon2Limits {
  const derived =
    input.memoryLimitMib === undefined
      ? DEFAULT_CONCURRENT
      : Math.floor((input.memoryLimitMib - input.baselineMib) / (input.memoryCostKib / 1024));
  return {
    maxConcurrent: Math.max(1, input.maxConcurrent ?? derived),
    maxQueued: input.maxQueued,
    retryAfterSeconds: 1,
  };
}
