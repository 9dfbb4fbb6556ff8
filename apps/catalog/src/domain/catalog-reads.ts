import { farms, fruitMaxAges, lots, offers, products } from '@fruitables/schema-catalog';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CatalogDb, DomainContext } from './context.ts';
import { type OfferStock, seoulToday, stockOfOffers, withinMaxAge } from './stock-state.ts';

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

/** The freshest sellable lot of each offer: what the product page shows as "수확일 · 당도". */
async function freshestLots(db: CatalogDb, offerIds: string[], today: string, defaultMaxAgeDays: number) {
  const result = new Map<string, FreshestLot>();
  if (offerIds.length === 0) return result;
  const rows = await db
    .selectDistinctOn([lots.offerId], {
      offerId: lots.offerId,
      lotCode: lots.lotCode,
      harvestedOn: lots.harvestedOn,
      brix: lots.brix,
    })
    .from(lots)
    .innerJoin(offers, eq(offers.id, lots.offerId))
    .innerJoin(products, eq(products.id, offers.productId))
    .leftJoin(fruitMaxAges, eq(fruitMaxAges.fruit, products.fruit))
    .where(
      and(
        inArray(lots.offerId, offerIds),
        sql`${lots.onHand} - ${lots.reserved} > 0`,
        withinMaxAge(today, { defaultMaxAgeDays }),
      ),
    )
    .orderBy(lots.offerId, desc(lots.harvestedOn), desc(lots.id));
  for (const row of rows) {
    result.set(row.offerId, {
      lotCode: row.lotCode,
      harvestedOn: row.harvestedOn,
      brix: row.brix === null ? null : Number(row.brix),
    });
  }
  return result;
}

/** Published offers of the given products with their price and live stock state. */
export async function offersOfProducts(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  productIds: string[],
): Promise<Map<string, OfferView[]>> {
  const byProduct = new Map<string, OfferView[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const rows = await ctx.db
    .select()
    .from(offers)
    .where(and(inArray(offers.productId, productIds), eq(offers.published, true)))
    .orderBy(asc(offers.priceKrw), asc(offers.id));
  const ids = rows.map((row) => row.id);
  const today = seoulToday(ctx.clock.now());
  const stock = await stockOfOffers(ctx.db, ids, today, ctx.stock);
  const freshest = await freshestLots(ctx.db, ids, today, ctx.stock.defaultMaxAgeDays);
  for (const row of rows) {
    byProduct.get(row.productId)?.push({
      id: row.id,
      grade: row.grade,
      packKg: Number(row.packKg),
      countPerBox: row.countPerBox,
      priceKrw: row.priceKrw,
      perOrderLimit: row.perOrderLimit,
      stock: stock.get(row.id) ?? { available: 0, harvested: 0, state: 'sold_out' },
      freshestLot: freshest.get(row.id) ?? null,
    });
  }
  return byProduct;
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
