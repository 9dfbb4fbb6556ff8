import type { PlatformEvent } from '@fruitables/events';
import { type AccountStatus, accountFarms, accounts, farms } from '@fruitables/schema-identity';
import { and, asc, desc, eq, exists, ilike, isNotNull, lt, or } from 'drizzle-orm';
import type { DomainContext, IdentityDb } from './context.ts';

/** An account that manages a farm, as admins see it: who, and whether it can still sign in. */
export interface FarmManager {
  accountId: string;
  email: string;
  displayName: string;
  status: AccountStatus;
  disabledAt: Date | null;
}

/** A farm identity created when it verified an application, with everyone who manages it. */
export interface FarmListing {
  id: string;
  name: string;
  createdAt: Date;
  managers: FarmManager[];
}

/** The admin typed a substring, not a pattern: `%`, `_` and `\` match themselves. */
const containing = (text: string): string => `%${text.replaceAll(/[\\%_]/g, (character) => `\\${character}`)}%`;

/**
 * Farms newest first, paged by id (UUIDv7 is time-ordered, and identity makes every farm id when
 * it verifies). `q` keeps the farms whose name or any manager's email contains it, ignoring
 * case; a farm found by one manager's email still lists all its managers. One statement per
 * page: the page of farms is chosen in a subquery and joined to its managers, so a page costs
 * one round trip however many farms and managers it holds. Nothing about phones or bank
 * accounts is read.
 */
export async function listFarms(
  ctx: Pick<DomainContext, 'db'>,
  page: { limit: number; after?: string | undefined; q?: string | undefined },
): Promise<{ items: FarmListing[]; nextCursor: string | null }> {
  const pattern = page.q === undefined ? undefined : containing(page.q);
  const matchesQuery =
    pattern === undefined
      ? undefined
      : or(
          ilike(farms.name, pattern),
          exists(
            ctx.db
              .select({ accountId: accountFarms.accountId })
              .from(accountFarms)
              .innerJoin(accounts, eq(accounts.id, accountFarms.accountId))
              // An unproved email is nobody's yet: searching by it must not find anyone.
              .where(
                and(
                  eq(accountFarms.farmId, farms.id),
                  isNotNull(accounts.emailVerifiedAt),
                  ilike(accounts.email, pattern),
                ),
              ),
          ),
        );
  const pageOfFarms = ctx.db
    .select({ id: farms.id, name: farms.name, createdAt: farms.createdAt })
    .from(farms)
    .where(and(page.after === undefined ? undefined : lt(farms.id, page.after), matchesQuery))
    .orderBy(desc(farms.id))
    .limit(page.limit + 1)
    .as('page_of_farms');
  const rows = await ctx.db
    .select({
      farmId: pageOfFarms.id,
      name: pageOfFarms.name,
      createdAt: pageOfFarms.createdAt,
      accountId: accounts.id,
      email: accounts.email,
      displayName: accounts.displayName,
      status: accounts.status,
      disabledAt: accounts.disabledAt,
    })
    .from(pageOfFarms)
    .leftJoin(accountFarms, eq(accountFarms.farmId, pageOfFarms.id))
    .leftJoin(accounts, eq(accounts.id, accountFarms.accountId))
    .orderBy(desc(pageOfFarms.id), asc(accountFarms.linkedAt), asc(accounts.id));

  const listed = new Map<string, FarmListing>();
  for (const row of rows) {
    let farm = listed.get(row.farmId);
    if (!farm) {
      farm = { id: row.farmId, name: row.name, createdAt: row.createdAt, managers: [] };
      listed.set(row.farmId, farm);
    }
    // Left joins: a farm left without managers still takes its place on the page, so the cursor stays right.
    if (row.accountId !== null && row.email !== null && row.displayName !== null && row.status !== null) {
      farm.managers.push({
        accountId: row.accountId,
        email: row.email,
        displayName: row.displayName,
        status: row.status,
        disabledAt: row.disabledAt,
      });
    }
  }
  const farmsFound = [...listed.values()];
  const items = farmsFound.slice(0, page.limit);
  const last = items.at(-1);
  return { items, nextCursor: farmsFound.length > page.limit && last ? last.id : null };
}

/**
 * catalog owns the farm's profile and announced a new name: identity keeps it only so admins can
 * find a farm by name. The consumer's inbox applies each event once; an event for a farm
 * identity never made (impossible unless streams are mixed up) changes nothing.
 */
export async function applyFarmUpdated(tx: IdentityDb, event: PlatformEvent<'FarmUpdated'>): Promise<void> {
  if (!event.data.changed.includes('name')) return;
  await tx.update(farms).set({ name: event.data.name }).where(eq(farms.id, event.data.farmId));
}
