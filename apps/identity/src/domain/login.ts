import { accounts } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { normaliseEmail } from './email.ts';
import { accountDisabled, invalidCredentials } from './errors.ts';
import type { IssuedMfaChallenge } from './mfa-challenges.ts';
import { beginSecondFactor } from './mfa-login.ts';
import { type SessionTokens, startSession } from './sessions.ts';

/** A session, or (admins) the challenge for the second step. */
export type LoginOutcome =
  | { kind: 'session'; tokens: SessionTokens }
  | { kind: 'second_factor'; challenge: IssuedMfaChallenge };

export interface LoginAttempt {
  email: string;
  password: string;
  /** The client's address as the edge saw it, for per-address throttling. */
  ip: string;
}

/**
 * Email + password login. Unknown email and wrong password take the same path: the same
 * argon2id work (against a dummy hash when there is no account), the same failure count, the
 * same 401. Only a caller who knows the password learns that an account is disabled.
 *
 * The attempt is counted as a failure before the password is checked and given back only when
 * it was right, so parallel guesses cannot all slip past the lock; an attempt that crashes midway
 * stays counted, which errs on the side of the lock.
 */
export async function logIn(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'passwords' | 'throttle' | 'tokens' | 'redis' | 'logger' | 'sessionPolicy'>,
  attempt: LoginAttempt,
): Promise<LoginOutcome> {
  const email = normaliseEmail(attempt.email);
  const grant = await ctx.throttle.beginAttempt(email, attempt.ip);
  const [account] = await ctx.db
    .select({ id: accounts.id, passwordHash: accounts.passwordHash, status: accounts.status, roles: accounts.roles })
    .from(accounts)
    .where(eq(accounts.email, email));
  const check = await ctx.passwords.verify(attempt.password, account?.passwordHash);
  if (!account || !check.ok) throw invalidCredentials();
  await grant.succeeded();
  if (account.status !== 'active') throw accountDisabled();
  if (check.needsRehash) {
    // The only moment the plaintext is at hand: upgrade a hash made with older, weaker parameters.
    const upgraded = await ctx.passwords.hash(attempt.password);
    await ctx.db.update(accounts).set({ passwordHash: upgraded }).where(eq(accounts.id, account.id));
  }
  // An admin's password earns only the second step (mfa-login.ts), never a session by itself.
  if (account.roles.includes('admin'))
    return { kind: 'second_factor', challenge: await beginSecondFactor(ctx, account.id) };
  // startSession re-reads the account under a lock: a disable that landed while argon2 ran wins.
  return { kind: 'session', tokens: await startSession(ctx, { id: account.id }) };
}
