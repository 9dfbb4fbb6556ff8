import type { DomainContext } from './context.ts';
import { claimByEmailLink, type MailableAccount, mailableAccount } from './email-links.ts';
import { issueEmailToken } from './email-tokens.ts';

type MailContext = Pick<DomainContext, 'db' | 'clock' | 'mail' | 'mailThrottle' | 'logger'>;

async function sendVerification(ctx: MailContext, account: MailableAccount): Promise<void> {
  const token = await issueEmailToken(ctx.db, {
    accountId: account.id,
    email: account.email,
    purpose: 'verify_email',
    now: ctx.clock.now(),
  });
  await ctx.mail.sendVerification({ email: account.email, displayName: account.displayName }, token);
}

/**
 * The mail a sign-up for `email` earns, decided after the answer went out (see BackgroundTasks):
 * a new or still unverified account gets a verification link, so the real owner of an address
 * someone else signed up with can still claim it; a verified one gets a "you already have an
 * account" note. The sign-up's answer is the same in every case.
 */
export async function mailAfterSignUp(ctx: MailContext, rawEmail: string): Promise<void> {
  const account = await mailableAccount(ctx, rawEmail);
  if (!account) return;
  if (account.verifiedAt) await ctx.mail.sendAccountExists({ email: account.email, displayName: account.displayName });
  else await sendVerification(ctx, account);
}

/** "Send the verification mail again": a verification link for an unverified account, nothing otherwise. */
export async function resendVerification(ctx: MailContext, rawEmail: string): Promise<void> {
  const account = await mailableAccount(ctx, rawEmail);
  if (account && !account.verifiedAt) await sendVerification(ctx, account);
}

/**
 * Follows a verification link. The link proves the mailbox, not the password typed at sign-up
 * (which may be a squatter's), so verifying REQUIRES a new password and ends every session:
 * whoever signed up with this address before its owner verified keeps nothing.
 */
export function confirmEmailVerification(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'passwords' | 'redis' | 'logger'>,
  input: { token: string; newPassword: string },
): Promise<void> {
  return claimByEmailLink(ctx, 'verify_email', input, 'email_verified');
}
