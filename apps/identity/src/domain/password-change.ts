import { accounts } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { applyAccountRevocation } from './access-token-revocation.ts';
import type { DomainContext } from './context.ts';
import { wrongCurrentPassword } from './errors.ts';
import { endAllSessions, type SessionTokens, startSession } from './sessions.ts';

/**
 * Changes the password of a signed-in person who knows the current one. Attempts count against
 * the login throttle of the account's email, so a stolen access token cannot be used to guess
 * the password at leisure. Every session ends (a thief's included) and the caller gets a fresh
 * session in their place, so the device that changed it stays signed in.
 */
export async function changePassword(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'passwords' | 'throttle' | 'tokens' | 'redis' | 'logger' | 'sessionPolicy'>,
  input: { accountId: string; currentPassword: string; newPassword: string; ip: string },
): Promise<SessionTokens> {
  const [account] = await ctx.db
    .select({ email: accounts.email, passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(eq(accounts.id, input.accountId));
  const grant = await ctx.throttle.beginAttempt(account?.email ?? input.accountId, input.ip);
  const check = await ctx.passwords.verify(input.currentPassword, account?.passwordHash);
  if (!account || !check.ok) throw wrongCurrentPassword();
  await grant.succeeded();
  const passwordHash = await ctx.passwords.hash(input.newPassword);
  const revocation = await ctx.db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, updatedAt: ctx.clock.now() }).where(eq(accounts.id, input.accountId));
    return endAllSessions({ ...ctx, db: tx }, input.accountId, 'password_changed');
  });
  await applyAccountRevocation(ctx, revocation);
  ctx.logger.info({ securityEvent: 'password_changed', accountId: input.accountId }, 'password changed');
  return startSession(ctx, { id: input.accountId });
}
