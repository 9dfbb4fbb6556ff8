import { accountTotp } from '@fruitables/schema-identity';
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { DomainContext, IdentityDb } from './context.ts';
import { matchTotpStep } from './totp.ts';

/** The field cipher context of an account's TOTP secret: a sealed secret copied to another row fails to open. */
export const totpSecretContext = (accountId: string): string => `account_totp.secret:${accountId}`;

/** Whether the account has a confirmed authenticator. */
export async function hasConfirmedTotp(db: IdentityDb, accountId: string): Promise<boolean> {
  const [row] = await db
    .select({ accountId: accountTotp.accountId })
    .from(accountTotp)
    .where(and(eq(accountTotp.accountId, accountId), isNotNull(accountTotp.confirmedAt)));
  return row !== undefined;
}

/**
 * Records `step` as the newest used step, if it is newer than the last one. One conditional
 * UPDATE, so of two requests with the same code exactly one wins, and a code for a step at or
 * before one already used (still inside the window) is refused: no code works twice.
 */
export async function claimTotpStep(db: IdentityDb, accountId: string, step: number): Promise<boolean> {
  const claimed = await db
    .update(accountTotp)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(accountTotp.accountId, accountId),
        or(isNull(accountTotp.lastUsedStep), lt(accountTotp.lastUsedStep, step)),
      ),
    )
    .returning({ accountId: accountTotp.accountId });
  return claimed.length > 0;
}

/** Checks a code against the account's confirmed secret and claims its step; false for any failure. */
export async function verifyTotpCode(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'cipher'>,
  accountId: string,
  code: string,
): Promise<boolean> {
  const [row] = await ctx.db
    .select({ secretSealed: accountTotp.secretSealed })
    .from(accountTotp)
    .where(and(eq(accountTotp.accountId, accountId), isNotNull(accountTotp.confirmedAt)));
  if (!row?.secretSealed) return false;
  const secret = ctx.cipher.open(row.secretSealed, totpSecretContext(accountId));
  const step = matchTotpStep(secret, code, ctx.clock.now());
  return step !== null && (await claimTotpStep(ctx.db, accountId, step));
}
