import { createHash, randomBytes } from 'node:crypto';
import type { DomainContext } from './context.ts';
import { invalidMfaChallenge } from './mfa-errors.ts';

/**
 * What a correct password earns an admin: not a session, but a short-lived, single-use
 * challenge for the second step. `login` finishes at POST /v1/sessions/mfa with a code;
 * `enrolment` (an admin with no authenticator yet) can only enrol one, at /v1/me/mfa/totp.
 */
export type MfaChallengePurpose = 'login' | 'enrolment';

export const MFA_CHALLENGE_LIFETIME_MS: Record<MfaChallengePurpose, number> = {
  login: 5 * 60_000,
  // Long enough to install an authenticator app and scan the code.
  enrolment: 15 * 60_000,
};

/** Wrong codes one challenge takes before it is spent, on top of the per-account throttle. */
export const MFA_CHALLENGE_MAX_ATTEMPTS = 5;

export interface IssuedMfaChallenge {
  challenge: string;
  purpose: MfaChallengePurpose;
  expiresAt: Date;
}

export interface MfaChallengeHolder {
  accountId: string;
  key: string;
}

type ChallengeContext = Pick<DomainContext, 'redis' | 'clock'>;

// Only a digest names the key: a Redis dump yields no usable challenge.
const keyOf = (challenge: string): string =>
  `identity:mfa-challenge:${createHash('sha256').update(challenge).digest('base64url')}`;

export async function issueMfaChallenge(
  ctx: ChallengeContext,
  accountId: string,
  purpose: MfaChallengePurpose,
): Promise<IssuedMfaChallenge> {
  const challenge = randomBytes(32).toString('base64url');
  const lifetimeMs = MFA_CHALLENGE_LIFETIME_MS[purpose];
  const expiresAt = new Date(ctx.clock.now().getTime() + lifetimeMs);
  const key = keyOf(challenge);
  // The expiry is checked against the service clock (below); the Redis TTL only clears the key away.
  await ctx.redis
    .multi()
    .hSet(key, { accountId, purpose, expiresAt: String(expiresAt.getTime()), attempts: '0' })
    .pExpire(key, lifetimeMs + 60_000)
    .exec();
  return { challenge, purpose, expiresAt };
}

/**
 * The account a live challenge of `purpose` belongs to, counting this use as an attempt: past
 * MFA_CHALLENGE_MAX_ATTEMPTS the challenge is spent. Unknown, expired, spent and wrong-purpose
 * challenges all get the same 401.
 */
export async function useMfaChallenge(
  ctx: ChallengeContext,
  challenge: string,
  purpose: MfaChallengePurpose,
): Promise<MfaChallengeHolder> {
  const key = keyOf(challenge);
  const stored = await ctx.redis.hGetAll(key);
  const expiresAt = Number(stored.expiresAt);
  if (!stored.accountId || stored.purpose !== purpose || !(expiresAt > ctx.clock.now().getTime())) {
    throw invalidMfaChallenge();
  }
  const attempts = await ctx.redis.hIncrBy(key, 'attempts', 1);
  if (attempts > MFA_CHALLENGE_MAX_ATTEMPTS) {
    await ctx.redis.del(key);
    throw invalidMfaChallenge();
  }
  return { accountId: stored.accountId, key };
}

/**
 * Spends a challenge once its step succeeded. DEL is atomic: of two requests racing with one
 * challenge only the first gets past here, so they cannot both start a session.
 */
export async function spendMfaChallenge(ctx: ChallengeContext, holder: MfaChallengeHolder): Promise<void> {
  const deleted = await ctx.redis.del(holder.key);
  if (deleted !== 1) throw invalidMfaChallenge();
}
