import type { DomainContext } from './context.ts';
import { claimByEmailLink, mailableAccount } from './email-links.ts';
import { issueEmailToken } from './email-tokens.ts';

/**
 * Mails a reset link if `email` names an active account with a real mailbox. Runs after the
 * request was answered (see BackgroundTasks), so neither the answer nor its timing says
 * whether it did.
 */
export async function mailPasswordReset(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'mail' | 'mailThrottle' | 'logger'>,
  rawEmail: string,
): Promise<void> {
  const account = await mailableAccount(ctx, rawEmail);
  if (!account) return;
  const token = await issueEmailToken(ctx.db, {
    accountId: account.id,
    email: account.email,
    purpose: 'reset_password',
    now: ctx.clock.now(),
  });
  await ctx.mail.sendPasswordReset({ email: account.email, displayName: account.displayName }, token);
}

/**
 * Sets a new password from a reset link and ends every session (refresh families and live
 * access tokens). The link proves the mailbox, so an unverified account becomes verified here
 * too, with the same effect as following the verification link.
 */
export function confirmPasswordReset(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'passwords' | 'redis' | 'logger'>,
  input: { token: string; newPassword: string },
): Promise<void> {
  return claimByEmailLink(ctx, 'reset_password', input, 'password_reset');
}
