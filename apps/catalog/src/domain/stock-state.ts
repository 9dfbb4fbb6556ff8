import { toSeoulDate } from '@fruitables/core';
import { isAnyOf } from '@fruitables/db';
import { fruitMaxAges, lots, offers, products, type StockState } from '@fruitables/schema-catalog';
import { and, eq, type Placeholder, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CatalogDb, StockPolicy } from './context.ts';
import { publishCatalogEvents } from './events.ts';

/** At or below this many sellable boxes an offer shows as "low" (남은 수량 적음). */
export const LOW_STOCK_BOXES = 5;
/** …or at or below this share of the boxes harvested in its sellable lots. */
export const LOW_STOCK_RATIO = 0.1;

/**
 * The shopper-visible state of an offer. "low" is ≤ 5 boxes or ≤ 10% of the harvest still on
 * sale, so a big lot warns early and a small one does not warn from the start.
 */
export function stockStateOf(available: number, harvested: number): StockState {
  if (available <= 0) return 'sold_out';
  if (available <= LOW_STOCK_BOXES || available <= harvested * LOW_STOCK_RATIO) return 'low';
  return 'in_stock';
}

/** Today in Seoul: harvest dates are Korean calendar days, so ages count in Seoul days. */
export function seoulToday(now: Date): string {
  return toSeoulDate(now);
}

/**
 * The SQL condition for "this lot is not past its fruit's maximum age", given a join on fruit_max_ages.
 * Either value may be a placeholder, so a prepared statement can carry the rule too.
 */
export function withinMaxAge(
  today: string | Placeholder,
  policy: { defaultMaxAgeDays: StockPolicy['defaultMaxAgeDays'] | Placeholder },
) {
  // A lot harvested N days ago with a max age of N is off sale: age must stay below the max.
  return sql`${lots.harvestedOn} > ${today}::date - coalesce(${fruitMaxAges.maxAgeDays}, ${policy.defaultMaxAgeDays}::int)`;
}

/**
 * The SQL condition for "this lot still sells", free boxes aside: not ended early by the
 * farmer and not past its fruit's maximum age (same join and placeholders as `withinMaxAge`).
 * Every read that decides what is on sale uses this, so the two rules never drift apart.
 */
export function onSale(
  today: string | Placeholder,
  policy: { defaultMaxAgeDays: StockPolicy['defaultMaxAgeDays'] | Placeholder },
) {
  return sql`(${lots.endedAt} is null and ${withinMaxAge(today, policy)})`;
}

export interface OfferStock {
  available: number;
  harvested: number;
  state: StockState;
}

/** Sellable stock per offer (lots ended or past their max age excluded); offers without lots are sold out. */
export async function stockOfOffers(
  db: CatalogDb,
  offerIds: readonly string[],
  today: string,
  policy: Pick<StockPolicy, 'defaultMaxAgeDays'>,
): Promise<Map<string, OfferStock>> {
  const result = new Map<string, OfferStock>();
  for (const id of offerIds) result.set(id, { available: 0, harvested: 0, state: 'sold_out' });
  if (offerIds.length === 0) return result;
  const rows = await db
    .select({
      offerId: lots.offerId,
      available: sql<number>`coalesce(sum(${lots.onHand} - ${lots.reserved}), 0)::int`,
      harvested: sql<number>`coalesce(sum(${lots.boxesHarvested}), 0)::int`,
    })
    .from(lots)
    .innerJoin(offers, eq(offers.id, lots.offerId))
    .innerJoin(products, eq(products.id, offers.productId))
    .leftJoin(fruitMaxAges, eq(fruitMaxAges.fruit, products.fruit))
    .where(and(isAnyOf(lots.offerId, offerIds), onSale(today, policy)))
    .groupBy(lots.offerId)
    // Prepared: stock changes run this inside the offers' row locks, where a round trip counts.
    .prepare('catalog_stock_of_offers')
    .execute();
  for (const row of rows) {
    result.set(row.offerId, {
      available: row.available,
      harvested: row.harvested,
      state: stockStateOf(row.available, row.harvested),
    });
  }
  return result;
}

export interface AnnouncedOffer {
  id: string;
  productId: string;
  farmId: string;
  stockState: StockState;
}

/**
 * Recomputes the stock state of offers whose stock just changed in `tx` and publishes
 * StockLevelChanged for those that crossed a threshold. The caller must hold the offers' row
 * locks, so two transactions never both announce the same crossing.
 */
export async function announceStockChanges(
  tx: CatalogDb,
  changed: readonly AnnouncedOffer[],
  now: Date,
  policy: Pick<StockPolicy, 'defaultMaxAgeDays'>,
): Promise<void> {
  const stock = await stockOfOffers(
    tx,
    changed.map((offer) => offer.id),
    seoulToday(now),
    policy,
  );
  const crossings = changed.flatMap((offer) => {
    const state = stock.get(offer.id)?.state ?? 'sold_out';
    return state === offer.stockState ? [] : [{ offer, state }];
  });
  if (crossings.length === 0) return;
  for (const { offer, state } of crossings) {
    await tx
      .update(offers)
      .set({ stockState: state })
      .where(eq(offers.id, offer.id))
      .prepare('catalog_set_stock_state')
      .execute();
  }
  await publishCatalogEvents(
    tx,
    crossings.map(({ offer, state }) => ({
      type: 'StockLevelChanged' as const,
      aggregateId: offer.id,
      occurredAt: now,
      data: {
        offerId: offer.id,
        productId: offer.productId,
        farmId: offer.farmId,
        previousState: offer.stockState,
        state,
        changedAt: now.toISOString(),
      },
    })),
  );
}

/** The offer row alone is named in FOR UPDATE OF, which must be an unqualified name: hence an alias. */
const lockedOffers = alias(offers, 'locked_offers');

/**
 * Locks offers in id order (one order everywhere, so two stock changes never deadlock) and
 * reads what a stock change needs about them. One statement: the rows are sorted before they
 * are locked, and a row that changed while this waited for its lock is returned as committed.
 */
export async function lockOffers(tx: CatalogDb, offerIds: readonly string[]) {
  if (offerIds.length === 0) return [];
  return (
    tx
      .select({
        id: lockedOffers.id,
        productId: lockedOffers.productId,
        farmId: lockedOffers.farmId,
        stockState: lockedOffers.stockState,
        grade: lockedOffers.grade,
        published: lockedOffers.published,
        perOrderLimit: lockedOffers.perOrderLimit,
        productPublished: products.published,
        maxAgeDays: fruitMaxAges.maxAgeDays,
      })
      .from(lockedOffers)
      .innerJoin(products, eq(products.id, lockedOffers.productId))
      .leftJoin(fruitMaxAges, eq(fruitMaxAges.fruit, products.fruit))
      .where(isAnyOf(lockedOffers.id, offerIds))
      .orderBy(lockedOffers.id)
      // Lock the offer rows alone: products and max ages are read, not changed, by stock moves.
      .for('update', { of: lockedOffers })
      .prepare('catalog_lock_offers')
      .execute()
  );
}
