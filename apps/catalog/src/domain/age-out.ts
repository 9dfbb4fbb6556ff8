import { fruitMaxAges, lots, offers, products } from '@fruitables/schema-catalog';
import { and, eq, exists, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { announceStockChanges, lockOffers, seoulToday, stockOfOffers } from './stock-state.ts';

/**
 * Lots leave sale when they pass their fruit's maximum age, without any write to them, so
 * no stock change announces it. This finds offers still announced as in stock or low that
 * hold a lot past its age with boxes left, recomputes their state, and announces the
 * crossings (e.g. in_stock → sold_out at Seoul midnight), so pages and search filters follow.
 *
 * The cheap unlocked check first picks the offers whose state really changed; only those
 * are locked (in id order, like every stock change) and announced, where the state is
 * computed again under the lock. Returns how many offers crossed.
 */
export async function announceAgedOutStock(ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>): Promise<number> {
  const now = ctx.clock.now();
  const today = seoulToday(now);
  const candidates = await ctx.db
    .select({ id: offers.id, stockState: offers.stockState })
    .from(offers)
    .where(
      and(
        ne(offers.stockState, 'sold_out'),
        exists(
          ctx.db
            .select({ one: sql`1` })
            .from(lots)
            .innerJoin(products, eq(products.id, offers.productId))
            .leftJoin(fruitMaxAges, eq(fruitMaxAges.fruit, products.fruit))
            .where(
              and(
                eq(lots.offerId, offers.id),
                // An ended lot left sale when it ended, and that change was announced then.
                isNull(lots.endedAt),
                sql`${lots.onHand} - ${lots.reserved} > 0`,
                sql`${lots.harvestedOn} <= ${today}::date - coalesce(${fruitMaxAges.maxAgeDays}, ${ctx.stock.defaultMaxAgeDays}::int)`,
              ),
            ),
        ),
      ),
    );
  if (candidates.length === 0) return 0;
  const stock = await stockOfOffers(
    ctx.db,
    candidates.map((offer) => offer.id),
    today,
    ctx.stock,
  );
  const changed = candidates.filter((offer) => stock.get(offer.id)?.state !== offer.stockState).map((o) => o.id);
  if (changed.length === 0) return 0;
  return ctx.db.transaction(async (tx) => {
    const locked = await lockOffers(tx, changed);
    const before = new Map(locked.map((offer) => [offer.id, offer.stockState]));
    await announceStockChanges(tx, locked, now, ctx.stock);
    const after = await tx
      .select({ id: offers.id, stockState: offers.stockState })
      .from(offers)
      .where(inArray(offers.id, changed));
    return after.filter((offer) => before.get(offer.id) !== offer.stockState).length;
  });
}
