import type { DomainContext } from './context.ts';
import { type IssuedMfaChallenge, issueMfaChallenge, spendMfaChallenge, useMfaChallenge } from './mfa-challenges.ts';
import { invalidMfaCode } from './mfa-errors.ts';
import { useRecoveryCode } from './mfa-recovery-codes.ts';
import { hasConfirmedTotp, verifyTotpCode } from './mfa-totp-factor.ts';
import { type SessionTokens, startSession } from './sessions.ts';

/**
 * The second step an admin's correct password leads to: a login challenge when an
 * authenticator is enrolled, else an enrolment challenge (no session until one is).
 */
export async function beginSecondFactor(
  ctx: Pick<DomainContext, 'db' | 'redis' | 'clock'>,
  accountId: string,
): Promise<IssuedMfaChallenge> {
  const enrolled = await hasConfirmedTotp(ctx.db, accountId);
  return issueMfaChallenge(ctx, accountId, enrolled ? 'login' : 'enrolment');
}

export type SecondFactorProof = { code: string } | { recoveryCode: string };

export interface MfaLoginAttempt {
  challenge: string;
  proof: SecondFactorProof;
  /** The client's address as the edge saw it, for per-address throttling. */
  ip: string;
}

/**
 * Finishes an admin's log-in with a TOTP code or a recovery code. Wrong codes count against
 * the challenge (a handful, then it is spent) and against the account's MFA throttle, counted
 * before the check like the password step, so parallel guesses cannot slip past the lock.
 */
export async function finishMfaLogin(
  ctx: Pick<DomainContext, 'db' | 'redis' | 'clock' | 'cipher' | 'mfaThrottle' | 'tokens' | 'logger' | 'sessionPolicy'>,
  attempt: MfaLoginAttempt,
): Promise<SessionTokens> {
  const holder = await useMfaChallenge(ctx, attempt.challenge, 'login');
  const grant = await ctx.mfaThrottle.beginAttempt(holder.accountId, attempt.ip);
  const now = ctx.clock.now();
  const proved =
    'code' in attempt.proof
      ? await verifyTotpCode(ctx, holder.accountId, attempt.proof.code)
      : await useRecoveryCode(ctx.db, holder.accountId, attempt.proof.recoveryCode, now);
  if (!proved) throw invalidMfaCode();
  await grant.succeeded();
  await spendMfaChallenge(ctx, holder);
  if ('recoveryCode' in attempt.proof) {
    ctx.logger.warn({ securityEvent: 'recovery_code_used', accountId: holder.accountId }, 'recovery code used');
  }
  return startSession(ctx, { id: holder.accountId }, { secondFactorAt: now });
}
