import { type Grade, offers, products } from '@fruitables/schema-catalog';
import { and, asc, eq, exists, gt, type SQL } from 'drizzle-orm';
import { type OfferView, offersOfProducts } from './catalog-reads.ts';
import type { DomainContext } from './context.ts';

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

const publicColumns = {
  id: products.id,
  farmId: products.farmId,
  fruit: products.fruit,
  variety: products.variety,
  description: products.description,
  seasonMonths: products.seasonMonths,
  storageAdvice: products.storageAdvice,
};

/** One published product with its published offers, or undefined (unpublished looks like missing). */
export async function findPublicProduct(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  productId: string,
): Promise<PublicProduct | undefined> {
  const [product] = await ctx.db
    .select(publicColumns)
    .from(products)
    .where(and(eq(products.id, productId), eq(products.published, true)));
  if (!product) return undefined;
  const byProduct = await offersOfProducts(ctx, [product.id]);
  return { ...product, offers: byProduct.get(product.id) ?? [] };
}

/** Published products, keyset-paginated, filtered by fruit, farm and (through its offers) grade. */
export async function listPublicProducts(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  filters: ProductFilters,
): Promise<{ items: PublicProduct[]; nextCursor: string | null }> {
  const conditions: SQL[] = [eq(products.published, true)];
  if (filters.fruit) conditions.push(eq(products.fruit, filters.fruit));
  if (filters.farmId) conditions.push(eq(products.farmId, filters.farmId));
  if (filters.after) conditions.push(gt(products.id, filters.after));
  if (filters.grade) {
    const grade = filters.grade;
    conditions.push(
      exists(
        ctx.db
          .select({ one: offers.id })
          .from(offers)
          .where(and(eq(offers.productId, products.id), eq(offers.grade, grade), eq(offers.published, true))),
      ),
    );
  }
  // One extra row tells whether there is a next page without a count query.
  const rows = await ctx.db
    .select(publicColumns)
    .from(products)
    .where(and(...conditions))
    .orderBy(asc(products.id))
    .limit(filters.limit + 1);
  const page = rows.slice(0, filters.limit);
  const byProduct = await offersOfProducts(
    ctx,
    page.map((product) => product.id),
  );
  const items = page.map((product) => ({ ...product, offers: byProduct.get(product.id) ?? [] }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > filters.limit && last ? last.id : null };
}
