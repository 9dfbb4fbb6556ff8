import { fruitMaxAges, lots, offers, products } from '@fruitables/schema-catalog';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { CatalogDb, DomainContext } from './context.ts';
import { lotNotFoundById } from './errors.ts';
import { type Photo, photosOf } from './photo-reads.ts';
import { seoulToday } from './stock-state.ts';

export interface InventoryLot {
  id: string;
  lotCode: string;
  harvestedOn: string;
  boxesHarvested: number;
  brix: number | null;
  onHand: number;
  reserved: number;
  sold: number;
  /** Still on sale: younger than the fruit's max age (boxes left or not). */
  withinMaxAge: boolean;
  /** The last Seoul day this lot can be sold. */
  lastSellableOn: string;
  /** When the farmer ended the lot early; an ended lot never sells again. */
  endedAt: Date | null;
  photos: Photo[];
}

export interface InventoryOffer {
  id: string;
  grade: (typeof offers.$inferSelect)['grade'];
  packKg: number;
  countPerBox: number | null;
  priceKrw: number;
  perOrderLimit: number | null;
  published: boolean;
  stockState: (typeof offers.$inferSelect)['stockState'];
  lots: InventoryLot[];
}

export interface InventoryProduct {
  id: string;
  fruit: string;
  variety: string;
  published: boolean;
  offers: InventoryOffer[];
}

/** A lot's columns as the stock screen shows them; the query must left-join `fruit_max_ages` on the fruit. */
function inventoryLotColumns(ctx: Pick<DomainContext, 'clock' | 'stock'>) {
  const today = seoulToday(ctx.clock.now());
  const maxAge = sql<number>`coalesce(${fruitMaxAges.maxAgeDays}, ${ctx.stock.defaultMaxAgeDays}::int)`;
  return {
    id: lots.id,
    lotCode: lots.lotCode,
    harvestedOn: lots.harvestedOn,
    boxesHarvested: lots.boxesHarvested,
    brix: lots.brix,
    onHand: lots.onHand,
    reserved: lots.reserved,
    sold: lots.sold,
    withinMaxAge: sql<boolean>`${lots.harvestedOn} > ${today}::date - ${maxAge}`,
    lastSellableOn: sql<string>`(${lots.harvestedOn} + ${maxAge} - 1)::text`,
    endedAt: lots.endedAt,
  };
}

type InventoryLotRow = Omit<InventoryLot, 'brix' | 'photos'> & { brix: string | null };

/** Brix as a number, and the photos of every lot from one query, however many lots there are. */
async function withPhotos(db: CatalogDb, rows: readonly InventoryLotRow[]): Promise<InventoryLot[]> {
  const photos = await photosOf(
    db,
    'lot',
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    ...row,
    brix: row.brix === null ? null : Number(row.brix),
    photos: photos.get(row.id) ?? [],
  }));
}

/**
 * Everything one farm sells, published or not, with every lot's counts: the farmer
 * console's stock screen. Newest lots first, and lots past their age or ended stay listed
 * (marked) so the farmer sees what is left in the store room and why it no longer sells.
 */
export async function loadFarmInventory(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  farmId: string,
): Promise<InventoryProduct[]> {
  const rows = await ctx.db
    .select({
      product: { id: products.id, fruit: products.fruit, variety: products.variety, published: products.published },
      offer: {
        id: offers.id,
        grade: offers.grade,
        packKg: offers.packKg,
        countPerBox: offers.countPerBox,
        priceKrw: offers.priceKrw,
        perOrderLimit: offers.perOrderLimit,
        published: offers.published,
        stockState: offers.stockState,
      },
      lot: inventoryLotColumns(ctx),
    })
    .from(products)
    .leftJoin(offers, eq(offers.productId, products.id))
    .leftJoin(lots, eq(lots.offerId, offers.id))
    .leftJoin(fruitMaxAges, eq(fruitMaxAges.fruit, products.fruit))
    .where(and(eq(products.farmId, farmId)))
    .orderBy(asc(products.fruit), asc(products.variety), asc(offers.priceKrw), asc(offers.id), desc(lots.harvestedOn));

  const lotRows = rows.flatMap((row) => (row.lot ? [row.lot] : []));
  const lotsById = new Map((await withPhotos(ctx.db, lotRows)).map((lot) => [lot.id, lot]));
  const byProduct = new Map<string, InventoryProduct>();
  const byOffer = new Map<string, InventoryOffer>();
  for (const row of rows) {
    let product = byProduct.get(row.product.id);
    if (!product) {
      product = { ...row.product, offers: [] };
      byProduct.set(product.id, product);
    }
    if (!row.offer) continue;
    let offer = byOffer.get(row.offer.id);
    if (!offer) {
      offer = { ...row.offer, packKg: Number(row.offer.packKg), lots: [] };
      byOffer.set(offer.id, offer);
      product.offers.push(offer);
    }
    const lot = row.lot && lotsById.get(row.lot.id);
    if (lot) offer.lots.push(lot);
  }
  return [...byProduct.values()];
}

/** One lot of the farm as the stock screen shows it (what the lot adjustment routes answer); `db` may be a transaction. */
export async function loadInventoryLot(
  db: CatalogDb,
  ctx: Pick<DomainContext, 'clock' | 'stock'>,
  farmId: string,
  lotId: string,
): Promise<InventoryLot> {
  const rows = await db
    .select(inventoryLotColumns(ctx))
    .from(lots)
    .innerJoin(offers, eq(offers.id, lots.offerId))
    .innerJoin(products, eq(products.id, offers.productId))
    .leftJoin(fruitMaxAges, eq(fruitMaxAges.fruit, products.fruit))
    .where(and(eq(lots.id, lotId), eq(lots.farmId, farmId)));
  const [lot] = await withPhotos(db, rows);
  if (!lot) throw lotNotFoundById();
  return lot;
}
