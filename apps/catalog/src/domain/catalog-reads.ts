import { farms, lots, offers, products } from '@fruitables/schema-catalog';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { CatalogDb } from './context.ts';
import { type OfferStock, onSale, stockStateOf } from './stock-state.ts';

export interface FreshestLot {
  lotCode: string;
  harvestedOn: string;
  brix: number | null;
}

export interface OfferView {
  id: string;
  grade: (typeof offers.$inferSelect)['grade'];
  packKg: number;
  countPerBox: number | null;
  priceKrw: number;
  perOrderLimit: number | null;
  stock: OfferStock;
  freshestLot: FreshestLot | null;
}

/** One offer as the offers subquery below aggregates it (JSON: numerics arrive as numbers). */
interface OfferRow {
  id: string;
  grade: OfferView['grade'];
  packKg: number | string;
  countPerBox: number | null;
  priceKrw: number;
  perOrderLimit: number | null;
  available: number;
  harvested: number;
  freshestLot: { lotCode: string; harvestedOn: string; brix: number | string | null } | null;
}

/**
 * The published offers of the product in the enclosing query, cheapest first, each with its
 * sellable stock and freshest sellable lot, as one JSON array (`[]` when there are none).
 *
 * It is a correlated subquery so a page of products and everything on it is one statement
 * instead of four, and its text never varies, so it can be prepared once and reused. The
 * enclosing query must select from `products` left-joined to `fruit_max_ages` on the fruit,
 * and bind the placeholders `today` (a Seoul date) and `defaultMaxAgeDays`.
 */
export function publishedOffersJson(): SQL<OfferRow[]> {
  // Same rule as stockOfOffers: lots ended or past their fruit's max age neither count nor show.
  const sellable = onSale(sql.placeholder('today'), {
    defaultMaxAgeDays: sql.placeholder('defaultMaxAgeDays'),
  });
  return sql<OfferRow[]>`coalesce((
    select json_agg(json_build_object(
      'id', ${offers.id}, 'grade', ${offers.grade}, 'packKg', ${offers.packKg},
      'countPerBox', ${offers.countPerBox}, 'priceKrw', ${offers.priceKrw}, 'perOrderLimit', ${offers.perOrderLimit},
      'available', stock.available, 'harvested', stock.harvested, 'freshestLot', freshest.lot
    ) order by ${offers.priceKrw}, ${offers.id})
    from ${offers}
    cross join lateral (
      select coalesce(sum(${lots.onHand} - ${lots.reserved}), 0)::int as available,
        coalesce(sum(${lots.boxesHarvested}), 0)::int as harvested
      from ${lots}
      where ${lots.offerId} = ${offers.id} and ${sellable}
    ) as stock
    left join lateral (
      select json_build_object('lotCode', ${lots.lotCode}, 'harvestedOn', ${lots.harvestedOn}, 'brix', ${lots.brix}) as lot
      from ${lots}
      where ${lots.offerId} = ${offers.id} and ${lots.onHand} - ${lots.reserved} > 0 and ${sellable}
      order by ${lots.harvestedOn} desc, ${lots.id} desc
      limit 1
    ) as freshest on true
    where ${offers.productId} = ${products.id} and ${offers.published}
  ), '[]'::json)`;
}

/** Turns the subquery's JSON into offer views, deriving each shopper-visible stock state. */
export function offerViewsOf(rows: readonly OfferRow[]): OfferView[] {
  return rows.map((row) => ({
    id: row.id,
    grade: row.grade,
    packKg: Number(row.packKg),
    countPerBox: row.countPerBox,
    priceKrw: row.priceKrw,
    perOrderLimit: row.perOrderLimit,
    stock: { available: row.available, harvested: row.harvested, state: stockStateOf(row.available, row.harvested) },
    freshestLot: row.freshestLot && {
      lotCode: row.freshestLot.lotCode,
      harvestedOn: row.freshestLot.harvestedOn,
      brix: row.freshestLot.brix === null ? null : Number(row.freshestLot.brix),
    },
  }));
}

/** A lot by its code on a farm, with what a QR code on the box should answer: who, what, when, how sweet. */
export async function findLotTrace(db: CatalogDb, farmId: string, lotCode: string) {
  const [row] = await db
    .select({
      lotCode: lots.lotCode,
      harvestedOn: lots.harvestedOn,
      boxesHarvested: lots.boxesHarvested,
      brix: lots.brix,
      note: lots.note,
      farm: { id: farms.id, name: farms.name, regionSido: farms.regionSido, regionSigungu: farms.regionSigungu },
      offer: { id: offers.id, grade: offers.grade, packKg: offers.packKg },
      product: { id: products.id, fruit: products.fruit, variety: products.variety },
    })
    .from(lots)
    .innerJoin(farms, eq(farms.id, lots.farmId))
    .innerJoin(offers, eq(offers.id, lots.offerId))
    .innerJoin(products, eq(products.id, offers.productId))
    .where(and(eq(lots.farmId, farmId), eq(lots.lotCode, lotCode)));
  return row;
}
