import { Conflict, Forbidden, NotFound, newId } from '@fruitables/core';
import { accountFarms, accounts, farmerApplications, farms } from '@fruitables/schema-identity';
import { eq, sql } from 'drizzle-orm';
import { applyAccountRevocation, gatherAccountRevocation } from './access-token-revocation.ts';
import type { DomainContext, IdentityDb } from './context.ts';
import { publishIdentityEvent } from './events.ts';
import { type FarmerApplication, toFarmerApplication } from './farmer-applications.ts';

type DecisionContext = Pick<DomainContext, 'db' | 'clock' | 'cipher' | 'redis'>;

/** Locks the pending application an admin is deciding; two admins deciding at once are serialised here. */
async function lockPendingApplication(tx: IdentityDb, applicationId: string, adminId: string) {
  const [application] = await tx
    .select()
    .from(farmerApplications)
    .where(eq(farmerApplications.id, applicationId))
    .for('update');
  if (!application) throw new NotFound('No farmer application with this id.', 'farmer_application_not_found');
  if (application.status !== 'pending') {
    throw new Conflict(`This application was already ${application.status}.`, 'farmer_application_decided');
  }
  // Separation of duties: whoever applied cannot approve or reject their own application.
  if (application.accountId === adminId) {
    throw new Forbidden('You cannot decide on your own farmer application.', 'self_decision');
  }
  return application;
}

/**
 * Verifies an application: creates the farm (its id is new here, UUIDv7), makes the applicant
 * a farmer scoped to it, and announces FarmerVerified in the same transaction. The applicant's
 * current access tokens are cut off once that commits, so the next request refreshes into a
 * token with the new role and farm instead of running on stale claims.
 */
export async function verifyFarmerApplication(
  ctx: DecisionContext,
  adminId: string,
  applicationId: string,
): Promise<FarmerApplication> {
  const now = ctx.clock.now();
  const { row, revocation } = await ctx.db.transaction(async (tx) => {
    const application = await lockPendingApplication(tx, applicationId, adminId);
    const farmId = newId();
    await tx.insert(farms).values({ id: farmId, name: application.farmName, createdAt: now });
    await tx
      .update(accounts)
      .set({
        roles: sql`case when 'farmer' = any(${accounts.roles}) then ${accounts.roles} else array_append(${accounts.roles}, 'farmer') end`,
        updatedAt: now,
      })
      .where(eq(accounts.id, application.accountId));
    await tx
      .insert(accountFarms)
      .values({ accountId: application.accountId, farmId, linkedBy: adminId, linkedAt: now });
    const [decided] = await tx
      .update(farmerApplications)
      .set({ status: 'verified', farmId, decidedAt: now, decidedBy: adminId })
      .where(eq(farmerApplications.id, applicationId))
      .returning();
    await publishIdentityEvent(tx, {
      type: 'FarmerVerified',
      aggregateId: application.accountId,
      data: {
        applicationId,
        accountId: application.accountId,
        farmId,
        farmName: application.farmName,
        verifiedAt: now.toISOString(),
      },
    });
    // Gathered after the account row was updated (and so locked): see gatherAccountRevocation.
    return { row: decided, revocation: await gatherAccountRevocation({ ...ctx, db: tx }, application.accountId) };
  });
  if (!row) throw new Error('farmer application update returned no row');
  await applyAccountRevocation(ctx, revocation);
  return toFarmerApplication(ctx.cipher, row);
}

export async function rejectFarmerApplication(
  ctx: DecisionContext,
  adminId: string,
  applicationId: string,
  reason: string,
): Promise<FarmerApplication> {
  const now = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const application = await lockPendingApplication(tx, applicationId, adminId);
    const [decided] = await tx
      .update(farmerApplications)
      .set({ status: 'rejected', rejectionReason: reason, decidedAt: now, decidedBy: adminId })
      .where(eq(farmerApplications.id, applicationId))
      .returning();
    await publishIdentityEvent(tx, {
      type: 'FarmerRejected',
      aggregateId: application.accountId,
      data: { applicationId, accountId: application.accountId, reason, rejectedAt: now.toISOString() },
    });
    return decided;
  });
  if (!row) throw new Error('farmer application update returned no row');
  return toFarmerApplication(ctx.cipher, row);
}
