import { accounts } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { applyAccountRevocation } from './access-token-revocation.ts';
import { claimAccount } from './claim-account.ts';
import type { DomainContext } from './context.ts';
import { isDeliverable, normaliseEmail } from './email.ts';
import { issueEmailToken, spendEmailToken } from './email-tokens.ts';
import { invalidEmailToken } from './errors.ts';

/**
 * Mails a reset link if `email` names an active account with a real mailbox. Runs after the
 * request was answered (see BackgroundTasks), so neither the answer nor its timing says
 * whether it did.
 */
export async function mailPasswordReset(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'mail' | 'mailThrottle'>,
  rawEmail: string,
): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const [account] = await ctx.db
    .select({ id: accounts.id, displayName: accounts.displayName, status: accounts.status })
    .from(accounts)
    .where(eq(accounts.email, email));
  if (account?.status !== 'active' || !isDeliverable(email)) return;
  if (!(await ctx.mailThrottle.allowMailTo(email))) return;
  const token = await issueEmailToken(ctx.db, {
    accountId: account.id,
    email,
    purpose: 'reset_password',
    now: ctx.clock.now(),
  });
  await ctx.mail.sendPasswordReset({ email, displayName: account.displayName }, token);
}

/**
 * Sets a new password from a reset link and ends every session (refresh families and live
 * access tokens). The link proves the mailbox, so an unverified account becomes verified here
 * too, with the same effect as following the verification link.
 */
export async function confirmPasswordReset(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'passwords' | 'redis' | 'logger'>,
  input: { token: string; newPassword: string },
): Promise<void> {
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  const revocation = await ctx.db.transaction(async (tx) => {
    const accountId = await spendEmailToken(tx, 'reset_password', input.token, ctx.clock.now());
    if (!accountId) return undefined;
    return claimAccount({ ...ctx, db: tx }, accountId, passwordHash, 'password_reset');
  });
  if (!revocation) throw invalidEmailToken();
  await applyAccountRevocation(ctx, revocation);
  ctx.logger.info({ securityEvent: 'password_reset', accountId: revocation.accountId }, 'password reset');
}
