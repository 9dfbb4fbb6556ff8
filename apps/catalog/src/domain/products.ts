import { Conflict, farmNotFound, newId } from '@fruitables/core';
import { isUniqueViolation } from '@fruitables/db';
import { farms, products } from '@fruitables/schema-catalog';
import { and, eq } from 'drizzle-orm';
import type { CatalogDb, DomainContext } from './context.ts';
import { productNotFound } from './errors.ts';
import { publishCatalogEvent } from './events.ts';

export interface ProductInput {
  fruit: string;
  variety: string;
  description: string;
  seasonMonths: number[];
  storageAdvice: string;
  published: boolean;
}

export type Product = typeof products.$inferSelect;

const duplicateProduct = () =>
  new Conflict(
    '이 농장에 같은 품목·품종이 이미 있습니다. This farm already sells this fruit and variety.',
    'product_exists',
  );

async function announcePublished(tx: CatalogDb, product: Product, now: Date): Promise<void> {
  await publishCatalogEvent(tx, {
    type: 'ProductPublished',
    aggregateId: product.id,
    occurredAt: now,
    data: {
      productId: product.id,
      farmId: product.farmId,
      fruit: product.fruit,
      variety: product.variety,
      publishedAt: now.toISOString(),
    },
  });
}

const shopperVisible = ['fruit', 'variety', 'description', 'seasonMonths', 'storageAdvice'] as const;

/** What shoppers can tell apart: published, unpublished, or still published with new details. */
async function announceProductChange(tx: CatalogDb, before: Product, after: Product, now: Date): Promise<void> {
  if (after.published && !before.published) return announcePublished(tx, after, now);
  if (!after.published && before.published) {
    await publishCatalogEvent(tx, {
      type: 'ProductUnpublished',
      aggregateId: after.id,
      occurredAt: now,
      data: { productId: after.id, farmId: after.farmId, unpublishedAt: now.toISOString() },
    });
    return;
  }
  const changed = shopperVisible.some((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
  if (!after.published || !changed) return;
  await publishCatalogEvent(tx, {
    type: 'ProductUpdated',
    aggregateId: after.id,
    occurredAt: now,
    data: {
      productId: after.id,
      farmId: after.farmId,
      fruit: after.fruit,
      variety: after.variety,
      description: after.description,
      seasonMonths: after.seasonMonths,
      storageAdvice: after.storageAdvice,
      updatedAt: now.toISOString(),
    },
  });
}

export async function createProduct(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  farmId: string,
  input: ProductInput,
): Promise<Product> {
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      // An admin may name any farm id; one catalog never heard of answers like a foreign farm.
      const [farm] = await tx.select({ id: farms.id }).from(farms).where(eq(farms.id, farmId));
      if (!farm) throw farmNotFound();
      const [product] = await tx
        .insert(products)
        .values({ id: newId(), farmId, ...input, createdAt: now, updatedAt: now })
        .returning();
      if (!product) throw new Error('insert returned no product');
      if (product.published) await announcePublished(tx, product, now);
      return product;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateProduct();
    throw error;
  }
}

/** Locks the farm's product, or answers 404 for a product of another farm as for one that does not exist. */
export async function lockProduct(tx: CatalogDb, farmId: string, productId: string): Promise<Product> {
  const [product] = await tx
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.farmId, farmId)))
    .for('update');
  if (!product) throw productNotFound();
  return product;
}

export async function updateProduct(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  farmId: string,
  productId: string,
  changes: Partial<ProductInput>,
): Promise<Product> {
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const before = await lockProduct(tx, farmId, productId);
      const [product] = await tx
        .update(products)
        .set({ ...changes, updatedAt: now })
        .where(eq(products.id, productId))
        .returning();
      if (!product) throw productNotFound();
      await announceProductChange(tx, before, product, now);
      return product;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateProduct();
    throw error;
  }
}
