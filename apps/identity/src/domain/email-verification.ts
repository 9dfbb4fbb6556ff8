import { accounts } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { applyAccountRevocation } from './access-token-revocation.ts';
import { claimAccount } from './claim-account.ts';
import type { DomainContext } from './context.ts';
import { isDeliverable, normaliseEmail } from './email.ts';
import { issueEmailToken, spendEmailToken } from './email-tokens.ts';
import { invalidEmailToken } from './errors.ts';

type MailContext = Pick<DomainContext, 'db' | 'clock' | 'mail' | 'mailThrottle' | 'logger'>;

/**
 * The mail a sign-up for `email` earns, decided after the answer went out (see BackgroundTasks):
 * a new or still unverified account gets a verification link, so the real owner of an address
 * someone else signed up with can still claim it; a verified one gets a "you already have an
 * account" note. The sign-up's answer is the same in every case.
 */
export async function mailAfterSignUp(ctx: MailContext, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const [account] = await ctx.db
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      verifiedAt: accounts.emailVerifiedAt,
      status: accounts.status,
    })
    .from(accounts)
    .where(eq(accounts.email, email));
  if (account?.status !== 'active' || !isDeliverable(email)) return;
  if (!(await ctx.mailThrottle.allowMailTo(email))) {
    ctx.logger.warn({ securityEvent: 'mailbox_mail_limit' }, 'mail to one mailbox over its limit; not sent');
    return;
  }
  const to = { email, displayName: account.displayName };
  if (account.verifiedAt) {
    await ctx.mail.sendAccountExists(to);
    return;
  }
  const token = await issueEmailToken(ctx.db, {
    accountId: account.id,
    email,
    purpose: 'verify_email',
    now: ctx.clock.now(),
  });
  await ctx.mail.sendVerification(to, token);
}

/** "Send the verification mail again": a verification link for an unverified account, nothing otherwise. */
export async function resendVerification(ctx: MailContext, rawEmail: string): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const [account] = await ctx.db
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      verifiedAt: accounts.emailVerifiedAt,
      status: accounts.status,
    })
    .from(accounts)
    .where(eq(accounts.email, email));
  if (!account || account.verifiedAt || account.status !== 'active' || !isDeliverable(email)) return;
  if (!(await ctx.mailThrottle.allowMailTo(email))) return;
  const token = await issueEmailToken(ctx.db, {
    accountId: account.id,
    email,
    purpose: 'verify_email',
    now: ctx.clock.now(),
  });
  await ctx.mail.sendVerification({ email, displayName: account.displayName }, token);
}

/**
 * Follows a verification link. The link proves the mailbox, not the password typed at sign-up
 * (which may be a squatter's), so verifying REQUIRES a new password and ends every session:
 * whoever signed up with this address before its owner verified keeps nothing.
 */
export async function confirmEmailVerification(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'passwords' | 'redis' | 'logger'>,
  input: { token: string; newPassword: string },
): Promise<void> {
  // Hash before the transaction: argon2 must not hold row locks.
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  const revocation = await ctx.db.transaction(async (tx) => {
    const accountId = await spendEmailToken(tx, 'verify_email', input.token, ctx.clock.now());
    if (!accountId) return undefined;
    return claimAccount({ ...ctx, db: tx }, accountId, passwordHash, 'email_verified');
  });
  if (!revocation) throw invalidEmailToken();
  await applyAccountRevocation(ctx, revocation);
  ctx.logger.info({ securityEvent: 'email_verified', accountId: revocation.accountId }, 'email verified');
}
