import { accounts, accountTotp } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { invalidCredentials } from './errors.ts';
import { spendMfaChallenge, useMfaChallenge } from './mfa-challenges.ts';
import { invalidMfaChallenge, invalidMfaCode, noPendingTotpEnrolment, totpAlreadyEnrolled } from './mfa-errors.ts';
import { replaceRecoveryCodes } from './mfa-recovery-codes.ts';
import { hasConfirmedTotp, totpSecretContext } from './mfa-totp-factor.ts';
import { type SessionTokens, startSession } from './sessions.ts';
import { matchTotpStep, newTotpSecret, totpQrSvg, totpUri } from './totp.ts';

/** How long a new secret waits for its first code. */
export const PENDING_TOTP_LIFETIME_MS = 10 * 60_000;

export interface PendingTotp {
  otpauthUri: string;
  qrSvg: string;
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  expiresAt: Date;
}

/**
 * Starts enrolling an authenticator for an admin holding an enrolment challenge (their
 * password step). The password is asked again and checked under the login throttle: the
 * challenge may have sat in a browser for minutes, and a secret is only handed to whoever
 * knows the password now. The secret is sealed at rest and waits, pending, for a code.
 */
export async function beginTotpEnrolment(
  ctx: Pick<DomainContext, 'db' | 'redis' | 'clock' | 'cipher' | 'passwords' | 'throttle'>,
  input: { challenge: string; password: string; ip: string },
): Promise<PendingTotp> {
  const holder = await useMfaChallenge(ctx, input.challenge, 'enrolment');
  const [account] = await ctx.db
    .select({
      email: accounts.email,
      passwordHash: accounts.passwordHash,
      roles: accounts.roles,
      status: accounts.status,
    })
    .from(accounts)
    .where(eq(accounts.id, holder.accountId));
  if (!account) throw invalidMfaChallenge();
  const grant = await ctx.throttle.beginAttempt(account.email, input.ip);
  const check = await ctx.passwords.verify(input.password, account.passwordHash);
  if (!check.ok) throw invalidCredentials();
  await grant.succeeded();
  // Disabled or no longer an admin since the password step: the challenge is void.
  if (account.status !== 'active' || !account.roles.includes('admin')) throw invalidMfaChallenge();
  if (await hasConfirmedTotp(ctx.db, holder.accountId)) throw totpAlreadyEnrolled();

  const secret = newTotpSecret();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + PENDING_TOTP_LIFETIME_MS);
  const pending = {
    pendingSecretSealed: ctx.cipher.seal(secret, totpSecretContext(holder.accountId)),
    pendingExpiresAt: expiresAt,
    updatedAt: now,
  };
  await ctx.db
    .insert(accountTotp)
    .values({ accountId: holder.accountId, ...pending })
    .onConflictDoUpdate({ target: accountTotp.accountId, set: pending });
  const otpauthUri = totpUri(secret, account.email);
  return { otpauthUri, qrSvg: await totpQrSvg(otpauthUri), secret, expiresAt };
}

export interface ConfirmedTotp {
  /** Shown once; only their digests are stored. */
  recoveryCodes: string[];
  /** The password (at enrolment) and a code (now) were both just proved: the admin is signed in. */
  session: SessionTokens;
}

/**
 * Activates the pending secret with a code from the app, hands out ten recovery codes and
 * signs the admin in. The code's step is recorded as used, so it cannot also finish a log-in.
 * The row is locked, so two confirmations racing cannot both hand out codes.
 */
export async function confirmTotpEnrolment(
  ctx: Pick<DomainContext, 'db' | 'redis' | 'clock' | 'cipher' | 'mfaThrottle' | 'tokens' | 'logger' | 'sessionPolicy'>,
  input: { challenge: string; code: string; ip: string },
): Promise<ConfirmedTotp> {
  const holder = await useMfaChallenge(ctx, input.challenge, 'enrolment');
  const grant = await ctx.mfaThrottle.beginAttempt(holder.accountId, input.ip);
  const now = ctx.clock.now();
  const recoveryCodes = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        confirmedAt: accountTotp.confirmedAt,
        pendingSecretSealed: accountTotp.pendingSecretSealed,
        pendingExpiresAt: accountTotp.pendingExpiresAt,
      })
      .from(accountTotp)
      .where(eq(accountTotp.accountId, holder.accountId))
      .for('update');
    if (row?.confirmedAt) throw totpAlreadyEnrolled();
    if (!row?.pendingSecretSealed || !row.pendingExpiresAt || row.pendingExpiresAt <= now) {
      throw noPendingTotpEnrolment();
    }
    const secret = ctx.cipher.open(row.pendingSecretSealed, totpSecretContext(holder.accountId));
    const step = matchTotpStep(secret, input.code, now);
    if (step === null) throw invalidMfaCode();
    await tx
      .update(accountTotp)
      .set({
        secretSealed: row.pendingSecretSealed,
        confirmedAt: now,
        pendingSecretSealed: null,
        pendingExpiresAt: null,
        lastUsedStep: step,
        updatedAt: now,
      })
      .where(eq(accountTotp.accountId, holder.accountId));
    return replaceRecoveryCodes(tx, holder.accountId, now);
  });
  await grant.succeeded();
  await spendMfaChallenge(ctx, holder);
  ctx.logger.info({ securityEvent: 'totp_enrolled', accountId: holder.accountId }, 'authenticator enrolled');
  const session = await startSession(ctx, { id: holder.accountId }, { secondFactorAt: now });
  return { recoveryCodes, session };
}
