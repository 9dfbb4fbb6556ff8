import { fruitMaxAges, lots, offers, products, type StockState } from '@fruitables/schema-catalog';
import { eq, sql } from 'drizzle-orm';
import type { CatalogDb, StockPolicy } from '../domain/context.ts';
import { GENERATED_PREFIX_LENGTH, generatedLotPrefix } from './lot-codes.ts';
import type { BatchRow } from './validate-rows.ts';

export interface ExistingOffer {
  /** The offer key (see `offerKeyOf`). */
  key: string;
  id: string;
  productId: string;
  priceKrw: number;
  stockState: StockState;
}

/** What the farm already has that a batch may reuse or collide with. */
export interface FarmState {
  /** Product id by `fruit \u0001 variety`. */
  products: Map<string, string>;
  /** Offer by offer key (see `offerKeyOf`). */
  offers: Map<string, ExistingOffer>;
  /** The farm's lot codes among those the file names, and those a generated code could collide with. */
  takenLotCodes: Set<string>;
}

export const productKeyOf = (row: Pick<BatchRow, 'fruit' | 'variety'>): string => `${row.fruit}\u0001${row.variety}`;

const jsonList = (values: readonly string[]) =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::text::jsonb))`;

/**
 * Three set-based reads, whatever the number of rows: the farm's products and offers (a farm
 * has dozens, not thousands) and the lot codes that matter to this batch.
 */
export async function loadFarmState(db: CatalogDb, farmId: string, rows: readonly BatchRow[]): Promise<FarmState> {
  const [productRows, offerRows, lotRows] = await Promise.all([
    db
      .select({ id: products.id, fruit: products.fruit, variety: products.variety })
      .from(products)
      .where(eq(products.farmId, farmId)),
    db
      .select({
        id: offers.id,
        productId: offers.productId,
        fruit: products.fruit,
        variety: products.variety,
        grade: offers.grade,
        packKg: offers.packKg,
        priceKrw: offers.priceKrw,
        stockState: offers.stockState,
      })
      .from(offers)
      .innerJoin(products, eq(products.id, offers.productId))
      .where(eq(offers.farmId, farmId)),
    loadTakenLotCodes(db, farmId, rows),
  ]);
  const state: FarmState = { products: new Map(), offers: new Map(), takenLotCodes: new Set(lotRows) };
  for (const product of productRows) state.products.set(productKeyOf(product), product.id);
  for (const offer of offerRows) {
    const key = `${offer.fruit}\u0001${offer.variety}\u0001${offer.grade}\u0001${Number(offer.packKg).toFixed(2)}`;
    state.offers.set(key, {
      key,
      id: offer.id,
      productId: offer.productId,
      priceKrw: offer.priceKrw,
      stockState: offer.stockState,
    });
  }
  return state;
}

async function loadTakenLotCodes(db: CatalogDb, farmId: string, rows: readonly BatchRow[]): Promise<string[]> {
  const named = [...new Set(rows.flatMap((row) => (row.lotCode === null ? [] : [row.lotCode])))];
  const prefixes = [
    ...new Set(rows.flatMap((row) => (row.lotCode === null ? [generatedLotPrefix(row.harvestedOn)] : []))),
  ];
  if (named.length === 0 && prefixes.length === 0) return [];
  const found = await db
    .select({ lotCode: lots.lotCode })
    .from(lots)
    .where(
      sql`${lots.farmId} = ${farmId} and (${lots.lotCode} in ${jsonList(named)} or substr(${lots.lotCode}, 1, ${GENERATED_PREFIX_LENGTH}) in ${jsonList(prefixes)})`,
    );
  return found.map((row) => row.lotCode);
}

/** Max age per fruit, for the "harvested too long ago" check; the table is a dozen rows. */
export async function loadMaxAges(
  db: CatalogDb,
  policy: Pick<StockPolicy, 'defaultMaxAgeDays'>,
): Promise<(fruit: string) => number> {
  const rows = await db.select().from(fruitMaxAges);
  const byFruit = new Map(rows.map((row) => [row.fruit, row.maxAgeDays]));
  return (fruit) => byFruit.get(fruit) ?? policy.defaultMaxAgeDays;
}
