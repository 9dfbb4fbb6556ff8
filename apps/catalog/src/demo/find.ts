import { type Grade, lots, offers, products } from '@fruitables/schema-catalog';
import { and, eq } from 'drizzle-orm';
import type { CatalogDb } from '../domain/context.ts';

// Natural-key lookups: the seed finds what an earlier run created instead of trusting ids,
// because products, offers and lots get fresh UUIDv7s from the domain functions.

export async function findProductId(db: CatalogDb, farmId: string, fruit: string, variety: string) {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.farmId, farmId), eq(products.fruit, fruit), eq(products.variety, variety)));
  return row?.id;
}

export async function findOfferId(db: CatalogDb, productId: string, grade: Grade, packKg: number) {
  const [row] = await db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.productId, productId), eq(offers.grade, grade), eq(offers.packKg, packKg.toFixed(2))));
  return row?.id;
}

export async function lotCodeExists(db: CatalogDb, farmId: string, lotCode: string): Promise<boolean> {
  const [row] = await db
    .select({ id: lots.id })
    .from(lots)
    .where(and(eq(lots.farmId, farmId), eq(lots.lotCode, lotCode)));
  return row !== undefined;
}
