import { createHash, randomBytes } from 'node:crypto';
import { newId } from '@fruitables/core';
import { accounts, type EmailTokenPurpose, emailTokens } from '@fruitables/schema-identity';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { IdentityDb } from './context.ts';

/** How long a mailed link works: a day to find the sign-up mail, half an hour for a reset. */
export const EMAIL_TOKEN_LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 60 * 60_000,
  reset_password: 30 * 60_000,
};

/** Tokens are looked up by this digest only; the table never holds a usable link. */
export const hashEmailToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** A fresh 256-bit token for `purpose`, recorded hashed; the plaintext goes into the mail and nowhere else. */
export async function issueEmailToken(
  db: IdentityDb,
  input: { accountId: string; email: string; purpose: EmailTokenPurpose; now: Date },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(emailTokens).values({
    id: newId(),
    accountId: input.accountId,
    purpose: input.purpose,
    tokenHash: hashEmailToken(token),
    email: input.email,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + EMAIL_TOKEN_LIFETIME_MS[input.purpose]),
  });
  return token;
}

/**
 * Spends a token: one conditional UPDATE (`used_at is null`, not expired), so of two requests
 * racing with one link exactly one wins. The account must still have the address the link was
 * mailed to and be active. Returns the account id, or undefined for any unusable token (unknown,
 * used, expired, wrong purpose): the caller answers all of them the same way.
 */
export async function spendEmailToken(
  tx: IdentityDb,
  purpose: EmailTokenPurpose,
  token: string,
  now: Date,
): Promise<string | undefined> {
  const [spent] = await tx
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, hashEmailToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning({ accountId: emailTokens.accountId, email: emailTokens.email });
  if (!spent) return undefined;
  // Locks the account for the rest of the change (password, sessions) the caller makes.
  const [account] = await tx
    .select({ email: accounts.email, status: accounts.status })
    .from(accounts)
    .where(eq(accounts.id, spent.accountId))
    .for('update');
  if (!account || account.email !== spent.email || account.status !== 'active') return undefined;
  return spent.accountId;
}

/** Voids every outstanding link of an account: after a reset or a claim, older mails must not work. */
export async function voidEmailTokens(tx: IdentityDb, accountId: string, now: Date): Promise<void> {
  await tx
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.accountId, accountId), isNull(emailTokens.usedAt)));
}
