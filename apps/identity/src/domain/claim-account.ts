import { accounts } from '@fruitables/schema-identity';
import { eq, sql } from 'drizzle-orm';
import type { AccountRevocation } from './access-token-revocation.ts';
import type { DomainContext, IdentityDb } from './context.ts';
import { voidEmailTokens } from './email-tokens.ts';
import { endAllSessions } from './sessions.ts';

/**
 * What proving the mailbox does to an account, whoever proves it (our mail's link, a reset, a
 * provider's verified email): the email counts as verified from now on, the password becomes
 * the one the prover chose (or none, for a provider sign-in), every session ends and every
 * older mailed link dies. Anyone who signed up with someone else's address before the owner
 * came along loses everything they could get in with. Run inside the caller's transaction;
 * apply the returned revocation after it commits.
 */
export async function claimAccount(
  ctx: Pick<DomainContext, 'clock'> & { db: IdentityDb },
  accountId: string,
  passwordHash: string | null,
  reason: string,
): Promise<AccountRevocation> {
  const now = ctx.clock.now();
  await ctx.db
    .update(accounts)
    .set({
      passwordHash,
      emailVerifiedAt: sql`coalesce(${accounts.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
      updatedAt: now,
    })
    .where(eq(accounts.id, accountId));
  await voidEmailTokens(ctx.db, accountId, now);
  return endAllSessions(ctx, accountId, reason);
}
