import { Conflict, NotFound, newId } from '@fruitables/core';
import type { FieldCipher } from '@fruitables/core/field-cipher';
import { isUniqueViolation } from '@fruitables/db';
import { type ApplicationStatus, accounts, farmerApplications } from '@fruitables/schema-identity';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DomainContext, IdentityDb } from './context.ts';
import { publishIdentityEvent } from './events.ts';

/** A farmer application as validated at the edge: identifiers already normalised to digits. */
export interface FarmerApplicationInput {
  farmName: string;
  representativeName: string;
  businessRegistrationNumber: string;
  roadAddress: string;
  zoneCode: string;
  phone: string;
  bankCode: string;
  bankAccountNumber: string;
  bankAccountHolder: string;
}

/** What the applicant and admins see: the bank account only by its last four digits. */
export interface FarmerApplication {
  id: string;
  accountId: string;
  status: ApplicationStatus;
  farmName: string;
  representativeName: string;
  businessRegistrationNumber: string;
  roadAddress: string;
  zoneCode: string;
  phone: string;
  bankCode: string;
  bankAccountLast4: string;
  bankAccountHolder: string;
  rejectionReason: string | null;
  farmId: string | null;
  submittedAt: Date;
  decidedAt: Date | null;
}

type ApplicationRow = typeof farmerApplications.$inferSelect;

export const applicationPhoneContext = (id: string) => `farmer_applications.phone:${id}`;
export const bankAccountContext = (id: string) => `farmer_applications.bank_account_number:${id}`;

export function toFarmerApplication(cipher: FieldCipher, row: ApplicationRow): FarmerApplication {
  return {
    id: row.id,
    accountId: row.accountId,
    status: row.status,
    farmName: row.farmName,
    representativeName: row.representativeName,
    businessRegistrationNumber: row.businessRegistrationNumber,
    roadAddress: row.roadAddress,
    zoneCode: row.zoneCode,
    phone: cipher.open(row.phoneSealed, applicationPhoneContext(row.id)),
    bankCode: row.bankCode,
    bankAccountLast4: row.bankAccountLast4,
    bankAccountHolder: row.bankAccountHolder,
    rejectionReason: row.rejectionReason,
    farmId: row.farmId,
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
  };
}

const pendingConflict = () =>
  new Conflict('Your farmer application is still being reviewed.', 'farmer_application_pending');

/**
 * Files an application to sell. A verified farmer does not apply again (an admin links any
 * further farm), and only one application may be pending per account; the partial unique
 * index backs that rule up when two submissions race.
 */
export async function submitFarmerApplication(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'cipher'>,
  accountId: string,
  input: FarmerApplicationInput,
): Promise<FarmerApplication> {
  const id = newId();
  const now = ctx.clock.now();
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const [account] = await tx.select({ roles: accounts.roles }).from(accounts).where(eq(accounts.id, accountId));
      if (!account) throw new NotFound('This account no longer exists.', 'account_not_found');
      if (account.roles.includes('farmer')) {
        throw new Conflict(
          'Your account already sells as a farmer. To manage another farm, ask an admin to link it.',
          'already_farmer',
        );
      }
      const [inserted] = await tx
        .insert(farmerApplications)
        .values({
          id,
          accountId,
          status: 'pending',
          farmName: input.farmName,
          representativeName: input.representativeName,
          businessRegistrationNumber: input.businessRegistrationNumber,
          roadAddress: input.roadAddress,
          zoneCode: input.zoneCode,
          phoneSealed: ctx.cipher.seal(input.phone, applicationPhoneContext(id)),
          bankCode: input.bankCode,
          bankAccountNumberSealed: ctx.cipher.seal(input.bankAccountNumber, bankAccountContext(id)),
          bankAccountLast4: input.bankAccountNumber.slice(-4),
          bankAccountHolder: input.bankAccountHolder,
          submittedAt: now,
        })
        .returning();
      // The event names the farm and the applicant, never the bank account or the phone.
      await publishIdentityEvent(tx, {
        type: 'FarmerApplicationSubmitted',
        aggregateId: accountId,
        data: { applicationId: id, accountId, farmName: input.farmName, submittedAt: now.toISOString() },
      });
      return inserted;
    });
    if (!row) throw new Error('farmer application insert returned no row');
    return toFarmerApplication(ctx.cipher, row);
  } catch (error) {
    if (isUniqueViolation(error)) throw pendingConflict();
    throw error;
  }
}

/** The caller's most recent application, whatever its status. */
export async function getLatestFarmerApplication(
  ctx: Pick<DomainContext, 'db' | 'cipher'>,
  accountId: string,
): Promise<FarmerApplication> {
  const [row] = await ctx.db
    .select()
    .from(farmerApplications)
    .where(eq(farmerApplications.accountId, accountId))
    .orderBy(desc(farmerApplications.submittedAt), desc(farmerApplications.id))
    .limit(1);
  if (!row) throw new NotFound('You have not applied to sell yet.', 'farmer_application_not_found');
  return toFarmerApplication(ctx.cipher, row);
}

/**
 * Applications in one status, a page at a time after the `after` cursor (an application id).
 * Pending ones come oldest first (first come, first reviewed), paged by id (UUIDv7 is
 * time-ordered). Decided ones come most recently decided first, so an admin looking back sees
 * the latest decisions; the cursor's own decision time is looked up in the same statement, and
 * an application is decided only once, so that time never moves under someone paging along.
 */
export async function listFarmerApplications(
  ctx: Pick<DomainContext, 'db' | 'cipher'>,
  page: { status: ApplicationStatus; limit: number; after?: string | undefined },
): Promise<{ items: FarmerApplication[]; nextCursor: string | null }> {
  const decided = page.status !== 'pending';
  const afterCursor =
    page.after === undefined
      ? undefined
      : decided
        ? decidedBefore(ctx.db, page.after)
        : gt(farmerApplications.id, page.after);
  const rows = await ctx.db
    .select()
    .from(farmerApplications)
    .where(and(eq(farmerApplications.status, page.status), afterCursor))
    .orderBy(
      ...(decided ? [desc(farmerApplications.decidedAt), desc(farmerApplications.id)] : [asc(farmerApplications.id)]),
    )
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map((row) => toFarmerApplication(ctx.cipher, row));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? last.id : null };
}

/** Decided after the cursor in (decided_at desc, id desc) order; nothing, if the cursor names no decided application. */
function decidedBefore(db: IdentityDb, cursorId: string) {
  const cursor = alias(farmerApplications, 'cursor');
  const cursorPosition = db
    .select({ decidedAt: cursor.decidedAt, id: cursor.id })
    .from(cursor)
    .where(eq(cursor.id, cursorId));
  return sql`(${farmerApplications.decidedAt}, ${farmerApplications.id}) < (${cursorPosition})`;
}
