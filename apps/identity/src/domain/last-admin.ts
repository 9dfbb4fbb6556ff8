import { Conflict } from '@fruitables/core';
import { accounts } from '@fruitables/schema-identity';
import { and, arrayContains, asc, eq } from 'drizzle-orm';
import type { IdentityDb } from './context.ts';

export const lastActiveAdmin = (): Conflict =>
  new Conflict(
    'This is the last active admin account; enable or create another admin before disabling it.',
    'last_active_admin',
  );

/**
 * Refuses to disable the last active admin, race-safely. Call it in the disabling transaction
 * before the update. It locks every active admin row in id order, so two admins disabling each
 * other at once are serialised: the second waits, then (READ COMMITTED re-checks a locked row)
 * no longer counts the one the first disabled, and is refused. A fixed order means two such
 * transactions cannot deadlock. Accounts that are not admins skip the lock entirely.
 */
export async function assertNotLastActiveAdmin(tx: IdentityDb, accountId: string): Promise<void> {
  const [target] = await tx.select({ roles: accounts.roles }).from(accounts).where(eq(accounts.id, accountId));
  if (!target?.roles.includes('admin')) return;
  const admins = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(arrayContains(accounts.roles, ['admin']), eq(accounts.status, 'active')))
    .orderBy(asc(accounts.id))
    .for('no key update');
  if (admins.some((admin) => admin.id === accountId) && admins.length <= 1) throw lastActiveAdmin();
}
