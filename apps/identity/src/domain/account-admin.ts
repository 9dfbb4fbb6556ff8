import { Conflict, NotFound } from '@fruitables/core';
import { accountFarms, accounts, farms } from '@fruitables/schema-identity';
import { and, eq } from 'drizzle-orm';
import { applyAccountRevocation, gatherAccountRevocation } from './access-token-revocation.ts';
import type { DomainContext } from './context.ts';
import { publishIdentityEvent } from './events.ts';
import { assertNotLastActiveAdmin } from './last-admin.ts';
import { endAllSessions } from './sessions.ts';

type AdminContext = Pick<DomainContext, 'db' | 'clock' | 'redis'>;

export interface AccountStatusView {
  id: string;
  status: 'active' | 'disabled';
  disabledAt: Date | null;
}

const accountNotFound = () => new NotFound('No account with this id.', 'account_not_found');

/**
 * Disables an account: it can no longer log in or refresh, its sessions end, and its live
 * access tokens are refused by every service from the next request on. Disabling an already
 * disabled account announces nothing but cuts its tokens off again, so retrying after a Redis
 * failure (the denylist is written once the change commits) finishes the job.
 */
export async function disableAccount(
  ctx: AdminContext,
  adminId: string,
  accountId: string,
  reason: string | undefined,
): Promise<AccountStatusView> {
  // An admin locking themself out would leave nobody to undo it from the web.
  if (adminId === accountId) throw new Conflict('You cannot disable your own account.', 'cannot_disable_self');
  const now = ctx.clock.now();
  const { view, revocation } = await ctx.db.transaction(async (tx) => {
    await assertNotLastActiveAdmin(tx, accountId);
    const [changed] = await tx
      .update(accounts)
      .set({ status: 'disabled', disabledAt: now, disabledReason: reason ?? null, updatedAt: now })
      .where(and(eq(accounts.id, accountId), eq(accounts.status, 'active')))
      .returning({ id: accounts.id, status: accounts.status, disabledAt: accounts.disabledAt });
    if (!changed) {
      const [current] = await tx
        .select({ id: accounts.id, status: accounts.status, disabledAt: accounts.disabledAt })
        .from(accounts)
        .where(eq(accounts.id, accountId));
      if (!current) throw accountNotFound();
      const again =
        current.status === 'disabled' ? await gatherAccountRevocation({ ...ctx, db: tx }, accountId) : undefined;
      return { view: current, revocation: again };
    }
    const ended = await endAllSessions({ ...ctx, db: tx }, accountId, 'account_disabled');
    await publishIdentityEvent(tx, {
      type: 'AccountDisabled',
      aggregateId: accountId,
      data: { accountId, disabledAt: now.toISOString() },
    });
    return { view: changed, revocation: ended };
  });
  if (revocation) await applyAccountRevocation(ctx, revocation);
  return view;
}

/** Lets a disabled account sign in again. Its old sessions stay ended: the person logs in afresh. */
export async function enableAccount(ctx: AdminContext, accountId: string): Promise<AccountStatusView> {
  const [changed] = await ctx.db
    .update(accounts)
    .set({ status: 'active', disabledAt: null, disabledReason: null, updatedAt: ctx.clock.now() })
    .where(eq(accounts.id, accountId))
    .returning({ id: accounts.id, status: accounts.status, disabledAt: accounts.disabledAt });
  if (!changed) throw accountNotFound();
  return changed;
}

/**
 * Lets a verified farmer manage one more existing farm (a farm identity created when it
 * verified some application). Linking twice is harmless. The farmer's current tokens are cut
 * off so the next refresh carries the new farm.
 */
export async function linkFarm(
  ctx: AdminContext,
  adminId: string,
  accountId: string,
  farmId: string,
): Promise<{ accountId: string; farmIds: string[] }> {
  const now = ctx.clock.now();
  const { linked, revocation } = await ctx.db.transaction(async (tx) => {
    // Locked so a refresh racing with the link either finishes first (and its token is cut off
    // below) or waits and carries the new farm.
    const [account] = await tx
      .select({ roles: accounts.roles })
      .from(accounts)
      .where(eq(accounts.id, accountId))
      .for('no key update');
    if (!account) throw accountNotFound();
    if (!account.roles.includes('farmer')) {
      throw new Conflict('Only a verified farmer can be linked to a farm.', 'not_a_farmer');
    }
    const [farm] = await tx.select({ id: farms.id }).from(farms).where(eq(farms.id, farmId));
    if (!farm) throw new NotFound('No farm with this id.', 'farm_not_found');
    const inserted = await tx
      .insert(accountFarms)
      .values({ accountId, farmId, linkedBy: adminId, linkedAt: now })
      .onConflictDoNothing()
      .returning({ farmId: accountFarms.farmId });
    // Linking twice changes nothing, so it announces nothing.
    if (inserted.length > 0) {
      await publishIdentityEvent(tx, {
        type: 'FarmManagerLinked',
        aggregateId: accountId,
        data: { accountId, farmId, linkedAt: now.toISOString() },
      });
    }
    const farmIds = await tx
      .select({ farmId: accountFarms.farmId })
      .from(accountFarms)
      .where(eq(accountFarms.accountId, accountId))
      .orderBy(accountFarms.linkedAt);
    return { linked: farmIds, revocation: await gatherAccountRevocation({ ...ctx, db: tx }, accountId) };
  });
  await applyAccountRevocation(ctx, revocation);
  return { accountId, farmIds: linked.map((row) => row.farmId) };
}
