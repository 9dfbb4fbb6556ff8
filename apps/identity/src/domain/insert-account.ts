import { type AccountRole, accounts } from '@fruitables/schema-identity';
import type { IdentityDb } from './context.ts';
import { publishIdentityEvent } from './events.ts';

export interface NewAccount {
  id: string;
  /** Already normalised. */
  email: string;
  /** null for an account that signs in only through a social provider. */
  passwordHash: string | null;
  displayName: string;
  mobileSealed?: string | null;
  roles: AccountRole[];
  /** When the email was proved; null until its owner follows our mail's link. */
  emailVerifiedAt?: Date | null;
  now: Date;
}

/**
 * The one way an account row comes to exist (sign-up, create-admin, social sign-in): insert
 * unless the email is taken — `on conflict do nothing`, so racing inserts for one email make
 * one account and no error — and, when it was inserted, announce AccountRegistered through
 * the outbox in the same transaction. Returns whether the account was created.
 */
export async function insertAccount(tx: IdentityDb, account: NewAccount): Promise<boolean> {
  const [created] = await tx
    .insert(accounts)
    .values({
      id: account.id,
      email: account.email,
      passwordHash: account.passwordHash,
      displayName: account.displayName,
      mobileSealed: account.mobileSealed ?? null,
      roles: account.roles,
      emailVerifiedAt: account.emailVerifiedAt ?? null,
      createdAt: account.now,
      updatedAt: account.now,
    })
    .onConflictDoNothing({ target: accounts.email })
    .returning({ id: accounts.id });
  if (!created) return false;
  await publishIdentityEvent(tx, {
    type: 'AccountRegistered',
    aggregateId: account.id,
    data: {
      accountId: account.id,
      roles: account.roles,
      displayName: account.displayName,
      registeredAt: account.now.toISOString(),
    },
  });
  return true;
}
