import { accounts, type EmailTokenPurpose } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { type AccountRevocation, applyAccountRevocation } from './access-token-revocation.ts';
import { claimAccount } from './claim-account.ts';
import type { DomainContext } from './context.ts';
import { isDeliverable, normaliseEmail } from './email.ts';
import { spendEmailToken } from './email-tokens.ts';
import { invalidEmailToken } from './errors.ts';

/** An active account that may be mailed now, with the address as stored. */
export interface MailableAccount {
  id: string;
  email: string;
  displayName: string;
  verifiedAt: Date | null;
}

/**
 * The active account `rawEmail` names, if it has a real mailbox that is under its hourly mail
 * limit; undefined otherwise. Every account mail (verification, reset, "already registered")
 * goes through here, so the same rules and the same log line apply to all of them.
 */
export async function mailableAccount(
  ctx: Pick<DomainContext, 'db' | 'mailThrottle' | 'logger'>,
  rawEmail: string,
): Promise<MailableAccount | undefined> {
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
  if (account?.status !== 'active' || !isDeliverable(email)) return undefined;
  if (!(await ctx.mailThrottle.allowMailTo(email))) {
    ctx.logger.warn({ securityEvent: 'mailbox_mail_limit' }, 'mail to one mailbox over its limit; not sent');
    return undefined;
  }
  return { id: account.id, email, displayName: account.displayName, verifiedAt: account.verifiedAt };
}

/**
 * Follows a mailed link (verification or reset). The link proves the mailbox, not any password
 * set before, so it REQUIRES a new password and ends every session: the account is claimed for
 * whoever reads the mail.
 */
export async function claimByEmailLink(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'passwords' | 'redis' | 'logger'>,
  purpose: EmailTokenPurpose,
  input: { token: string; newPassword: string },
  securityEvent: 'email_verified' | 'password_reset',
): Promise<void> {
  // Hash before the transaction: argon2 must not hold row locks.
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  const revocation: AccountRevocation | undefined = await ctx.db.transaction(async (tx) => {
    const accountId = await spendEmailToken(tx, purpose, input.token, ctx.clock.now());
    if (!accountId) return undefined;
    return claimAccount({ ...ctx, db: tx }, accountId, passwordHash, securityEvent);
  });
  if (!revocation) throw invalidEmailToken();
  await applyAccountRevocation(ctx, revocation);
  ctx.logger.info({ securityEvent, accountId: revocation.accountId }, securityEvent.replace('_', ' '));
}
