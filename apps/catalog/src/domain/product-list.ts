import { fruitMaxAges, type Grade, offers, products } from '@fruitables/schema-catalog';
import { and, asc, eq, exists, gt, type SQL, sql } from 'drizzle-orm';
import { type OfferView, offerViewsOf, publishedOffersJson } from './catalog-reads.ts';
import type { CatalogDb, DomainContext } from './context.ts';
import { seoulToday } from './stock-state.ts';

export interface ProductFilters {
  fruit?: string;
  grade?: Grade;
  farmId?: string;
  /** The last product id of the previous page (ids are UUIDv7, so this is creation order). */
  after?: string;
  limit: number;
}

export type PublicProduct = Pick<
  typeof products.$inferSelect,
  'id' | 'farmId' | 'fruit' | 'variety' | 'description' | 'seasonMonths' | 'storageAdvice'
> & { offers: OfferView[] };

type Filter = 'fruit' | 'grade' | 'farmId' | 'after';
const filterNames: readonly Filter[] = ['fruit', 'grade', 'farmId', 'after'];

/** Published products with their offers as JSON, filtered by the given filters' placeholders. */
function selectPublicProducts(db: CatalogDb, where: SQL[]) {
  return db
    .select({
      id: products.id,
      farmId: products.farmId,
      fruit: products.fruit,
      variety: products.variety,
      description: products.description,
      seasonMonths: products.seasonMonths,
      storageAdvice: products.storageAdvice,
      offers: publishedOffersJson(),
    })
    .from(products)
    .leftJoin(fruitMaxAges, eq(fruitMaxAges.fruit, products.fruit))
    .where(and(eq(products.published, true), ...where));
}

function prepareFindProduct(db: CatalogDb) {
  return selectPublicProducts(db, [eq(products.id, sql.placeholder('productId'))]).prepare('catalog_find_product');
}

/** Each filter's condition, bound by a placeholder of the filter's name. */
const filterConditions: Record<Filter, (db: CatalogDb) => SQL> = {
  fruit: () => eq(products.fruit, sql.placeholder('fruit')),
  farmId: () => eq(products.farmId, sql.placeholder('farmId')),
  after: () => gt(products.id, sql.placeholder('after')),
  grade: (db) =>
    exists(
      db
        .select({ one: offers.id })
        .from(offers)
        .where(
          and(
            eq(offers.productId, products.id),
            eq(offers.grade, sql.placeholder('grade')),
            eq(offers.published, true),
          ),
        ),
    ),
};

function prepareListProducts(db: CatalogDb, filters: readonly Filter[]) {
  return selectPublicProducts(
    db,
    filters.map((filter) => filterConditions[filter](db)),
  )
    .orderBy(asc(products.id))
    .limit(sql.placeholder('limit'))
    .prepare(['catalog_list_products', ...filters].join('_'));
}

type FindProduct = ReturnType<typeof prepareFindProduct>;
type ListProducts = ReturnType<typeof prepareListProducts>;

/**
 * Built statements per executor. Building a select with drizzle costs more CPU than running it,
 * and a constant statement text lets postgres.js keep it prepared on each connection (one
 * round trip per call instead of parse, describe and execute), so each shape is built once per
 * `db`. Keyed weakly: an executor that goes away (a test's pool, a transaction) takes its own.
 */
const statements = new WeakMap<CatalogDb, { find?: FindProduct; list: Map<string, ListProducts> }>();

function statementsOf(db: CatalogDb) {
  let entry = statements.get(db);
  if (!entry) {
    entry = { list: new Map() };
    statements.set(db, entry);
  }
  return entry;
}

function stockPlaceholders(ctx: Pick<DomainContext, 'clock' | 'stock'>) {
  return { today: seoulToday(ctx.clock.now()), defaultMaxAgeDays: ctx.stock.defaultMaxAgeDays };
}

function publicProductOf(row: Awaited<ReturnType<FindProduct['execute']>>[number]): PublicProduct {
  return { ...row, offers: offerViewsOf(row.offers) };
}

/** One published product with its published offers, or undefined (unpublished looks like missing). */
export async function findPublicProduct(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  productId: string,
): Promise<PublicProduct | undefined> {
  const entry = statementsOf(ctx.db);
  entry.find ??= prepareFindProduct(ctx.db);
  const [row] = await entry.find.execute({ productId, ...stockPlaceholders(ctx) });
  return row && publicProductOf(row);
}

/** Published products, keyset-paginated, filtered by fruit, farm and (through its offers) grade. */
export async function listPublicProducts(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  filters: ProductFilters,
): Promise<{ items: PublicProduct[]; nextCursor: string | null }> {
  const present = filterNames.filter((name) => filters[name] !== undefined && filters[name] !== '');
  const key = present.join(',');
  const entry = statementsOf(ctx.db);
  let list = entry.list.get(key);
  if (!list) {
    list = prepareListProducts(ctx.db, present);
    entry.list.set(key, list);
  }
  // One extra row tells whether there is a next page without a count query.
  const rows = await list.execute({
    ...Object.fromEntries(present.map((name) => [name, filters[name]])),
    limit: filters.limit + 1,
    ...stockPlaceholders(ctx),
  });
  const page = rows.slice(0, filters.limit).map(publicProductOf);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > filters.limit && last ? last.id : null };
}
