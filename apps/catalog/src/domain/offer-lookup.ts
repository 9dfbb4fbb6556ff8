import { isAnyOf } from '@fruitables/db';
import { farms, offers, products, type StockState } from '@fruitables/schema-catalog';
import { and, eq } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { seoulToday, stockOfOffers } from './stock-state.ts';

export interface OfferSummaryView {
  id: string;
  productId: string;
  farmId: string;
  farmName: string;
  fruit: string;
  variety: string;
  grade: (typeof offers.$inferSelect)['grade'];
  packKg: number;
  priceKrw: number;
  perOrderLimit: number | null;
  stockState: StockState;
}

/**
 * Published offers (of published products) by id, with live price and stock state, in the
 * order asked. Ids that are unknown or unpublished are left out: to a shopper they are gone.
 */
export async function lookupOffers(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  offerIds: readonly string[],
): Promise<OfferSummaryView[]> {
  const unique = [...new Set(offerIds)];
  if (unique.length === 0) return [];
  const rows = await ctx.db
    .select({
      id: offers.id,
      productId: offers.productId,
      farmId: offers.farmId,
      farmName: farms.name,
      fruit: products.fruit,
      variety: products.variety,
      grade: offers.grade,
      packKg: offers.packKg,
      priceKrw: offers.priceKrw,
      perOrderLimit: offers.perOrderLimit,
    })
    .from(offers)
    .innerJoin(products, eq(products.id, offers.productId))
    .innerJoin(farms, eq(farms.id, offers.farmId))
    .where(and(isAnyOf(offers.id, unique), eq(offers.published, true), eq(products.published, true)));
  const stock = await stockOfOffers(ctx.db, unique, seoulToday(ctx.clock.now()), ctx.stock);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return unique.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [{ ...row, packKg: Number(row.packKg), stockState: stock.get(id)?.state ?? 'sold_out' }];
  });
}
