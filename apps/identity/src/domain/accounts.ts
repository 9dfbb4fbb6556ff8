import { Conflict, NotFound, newId } from '@fruitables/core';
import { type AccountRole, accountFarms, accounts } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { normaliseEmail } from './email.ts';
import { mailAfterSignUp } from './email-verification.ts';
import { insertAccount } from './insert-account.ts';

export interface ShopperSignUp {
  email: string;
  password: string;
  displayName: string;
  /** Already normalised to digits. */
  mobile?: string | undefined;
  /** The client's address as the edge saw it, for per-address throttling. */
  ip: string;
}

export interface Profile {
  id: string;
  email: string;
  displayName: string;
  mobile: string | null;
  roles: AccountRole[];
  farmIds: string[];
  status: 'active' | 'disabled';
  emailVerified: boolean;
  createdAt: Date;
}

export const mobileContext = (accountId: string): string => `accounts.mobile:${accountId}`;

/**
 * Registers a shopper, or does nothing if the email is taken, and the caller cannot tell which
 * happened: both paths hash the password (the costly step) and return the same. The insert is
 * `on conflict do nothing`, so two sign-ups racing for one email create one account and no error.
 * Returns whether an account was created, for the log line only.
 */
export async function registerShopper(
  ctx: Pick<
    DomainContext,
    'db' | 'clock' | 'passwords' | 'cipher' | 'signUpThrottle' | 'tasks' | 'mail' | 'mailThrottle' | 'logger'
  >,
  input: ShopperSignUp,
): Promise<{ created: boolean }> {
  // Before the hash: hashing is what an unthrottled flood of sign-ups would exhaust.
  await ctx.signUpThrottle.countSignUp(input.ip);
  const email = normaliseEmail(input.email);
  const passwordHash = await ctx.passwords.hash(input.password);
  const id = newId();
  const now = ctx.clock.now();
  const created = await ctx.db.transaction((tx) =>
    insertAccount(tx, {
      id,
      email,
      passwordHash,
      displayName: input.displayName,
      mobileSealed: input.mobile ? ctx.cipher.seal(input.mobile, mobileContext(id)) : null,
      roles: ['shopper'],
      now,
    }),
  );
  // The mail (verification, or "you already have an account") is decided and sent after the
  // answer, so neither the answer nor its timing says which one went out.
  ctx.tasks.run('sign-up mail', () => mailAfterSignUp(ctx, email));
  return { created };
}

/**
 * Creates an admin. Only the `create-admin` command calls this: there is no HTTP route that
 * can make an admin, so no web bug can either.
 */
export async function createAdminAccount(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'passwords'>,
  input: { email: string; password: string; displayName: string },
): Promise<{ id: string }> {
  const email = normaliseEmail(input.email);
  const passwordHash = await ctx.passwords.hash(input.password);
  const id = newId();
  const now = ctx.clock.now();
  const created = await ctx.db.transaction((tx) =>
    // An operator typed the address on the server: it counts as proved.
    insertAccount(tx, {
      id,
      email,
      passwordHash,
      displayName: input.displayName,
      roles: ['admin'],
      emailVerifiedAt: now,
      now,
    }),
  );
  if (!created) throw new Conflict('An account with this email already exists.', 'email_taken');
  return { id };
}

export async function getProfile(ctx: Pick<DomainContext, 'db' | 'cipher'>, accountId: string): Promise<Profile> {
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account) throw new NotFound('This account no longer exists.', 'account_not_found');
  const farms = await ctx.db
    .select({ farmId: accountFarms.farmId })
    .from(accountFarms)
    .where(eq(accountFarms.accountId, accountId))
    .orderBy(accountFarms.linkedAt);
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    mobile: account.mobileSealed ? ctx.cipher.open(account.mobileSealed, mobileContext(account.id)) : null,
    roles: account.roles,
    farmIds: farms.map((farm) => farm.farmId),
    status: account.status,
    emailVerified: account.emailVerifiedAt !== null,
    createdAt: account.createdAt,
  };
}

/** Changes only what the caller may change about themself: the name and the mobile number (null clears it). */
export async function updateProfile(
  ctx: Pick<DomainContext, 'db' | 'cipher' | 'clock'>,
  accountId: string,
  changes: { displayName?: string | undefined; mobile?: string | null | undefined },
): Promise<Profile> {
  const set: Partial<typeof accounts.$inferInsert> = { updatedAt: ctx.clock.now() };
  if (changes.displayName !== undefined) set.displayName = changes.displayName;
  if (changes.mobile !== undefined) {
    set.mobileSealed = changes.mobile === null ? null : ctx.cipher.seal(changes.mobile, mobileContext(accountId));
  }
  const updated = await ctx.db
    .update(accounts)
    .set(set)
    .where(eq(accounts.id, accountId))
    .returning({ id: accounts.id });
  if (updated.length === 0) throw new NotFound('This account no longer exists.', 'account_not_found');
  return getProfile(ctx, accountId);
}
