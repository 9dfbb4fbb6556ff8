import { DomainError } from '@fruitables/core';
import { CLOCK_TOLERANCE_SECONDS, type Principal } from './claims.ts';

/**
 * The slice of a node-redis client that revocation uses. Written structurally so any client
 * from `createClient()` fits, whatever modules or scripts a service configured on it.
 */
export interface RevocationRedis {
  readonly isReady: boolean;
  mGet(keys: string[]): Promise<unknown[]>;
  set(key: string, value: string, options: { expiration: { type: 'EX'; value: number } }): Promise<unknown>;
}

/** Exists while one access token (by its `jti`) is revoked. */
export function revokedTokenKey(jti: string): string {
  return `auth:revoked-jti:${jti}`;
}

/** Holds epoch seconds: the subject's tokens issued (`iat`) before that are revoked. */
export function revokedBeforeKey(subject: string): string {
  return `auth:revoked-before:${subject}`;
}

/**
 * Seconds a denylist entry must live: the token's remaining lifetime plus the verifiers' clock
 * tolerance, since a verifier still accepts a token for that long after its `exp`.
 */
function entryTtl(ttlSeconds: number): number {
  return Math.max(1, Math.ceil(ttlSeconds)) + CLOCK_TOLERANCE_SECONDS;
}

/** Revokes one access token (logout). Pass the token's remaining lifetime: after that it is dead anyway. */
export async function revokeToken(redis: RevocationRedis, jti: string, ttlSeconds: number): Promise<void> {
  await redis.set(revokedTokenKey(jti), '1', { expiration: { type: 'EX', value: entryTtl(ttlSeconds) } });
}

/**
 * Revokes every token of `subject` issued before `epochSeconds` (logout everywhere, disabled
 * account, role change); pass the current time, `Date.now() / 1000`. `iat` has one-second
 * resolution, so a fractional time is rounded UP: rounding down would spare a token issued
 * earlier in that same second. A token issued later in that second is refused too, which only
 * costs a refresh. TTL: the access-token lifetime is enough, every older token has expired by then.
 */
export async function revokeSubjectBefore(
  redis: RevocationRedis,
  subject: string,
  epochSeconds: number,
  ttlSeconds: number,
): Promise<void> {
  await redis.set(revokedBeforeKey(subject), String(Math.ceil(epochSeconds)), {
    expiration: { type: 'EX', value: entryTtl(ttlSeconds) },
  });
}

/**
 * Redis did not answer, so we cannot know whether the token was revoked. We fail closed:
 * letting a possibly-revoked token through (a logged-out or disabled account) is worse than a
 * short outage of authenticated routes.
 */
export class RevocationUnavailable extends DomainError {
  constructor(options?: { cause?: unknown }) {
    super('unavailable', 'auth_unavailable', 'Sign-in cannot be checked right now; try again in a moment.');
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timedOut]).finally(() => clearTimeout(timer));
}

/**
 * Whether the principal's token is on the denylist: one MGET for both keys, on every request.
 * Throws `RevocationUnavailable` when Redis is disconnected or slow (see there for why).
 */
export async function isRevoked(redis: RevocationRedis, principal: Principal, timeoutMs: number): Promise<boolean> {
  // A disconnected node-redis client queues commands until it reconnects; answer now instead.
  if (!redis.isReady) throw new RevocationUnavailable();
  let values: unknown[];
  try {
    values = await withTimeout(
      redis.mGet([revokedTokenKey(principal.tokenId), revokedBeforeKey(principal.subject)]),
      timeoutMs,
    );
  } catch (error) {
    throw new RevocationUnavailable({ cause: error });
  }
  const [revokedToken, revokedBefore] = values;
  if (revokedToken !== null && revokedToken !== undefined) return true;
  if (revokedBefore === null || revokedBefore === undefined) return false;
  const before = Number(String(revokedBefore));
  // An unreadable cut-off is treated as "revoke everything": fail closed here too.
  if (!Number.isFinite(before)) return true;
  return principal.issuedAt.getTime() / 1000 < before;
}
