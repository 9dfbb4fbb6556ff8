import { toSeoulDate } from '@fruitables/core';
import { orderNumberDays } from '@fruitables/schema-orders';
import { sql } from 'drizzle-orm';
import type { OrdersDb } from './context.ts';

/**
 * The next order number of the Seoul day: FT-20261207-0001. One upsert counts under the day's
 * row lock, so concurrent checkouts get consecutive numbers and never the same one; the lock is
 * held only until the checkout's transaction commits (a few milliseconds).
 */
export async function nextOrderNumber(tx: OrdersDb, now: Date): Promise<string> {
  const day = toSeoulDate(now);
  const [row] = await tx
    .insert(orderNumberDays)
    .values({ day, last: 1 })
    .onConflictDoUpdate({ target: orderNumberDays.day, set: { last: sql`${orderNumberDays.last} + 1` } })
    .returning({ last: orderNumberDays.last });
  const count = row?.last ?? 1;
  return `FT-${day.replaceAll('-', '')}-${String(count).padStart(4, '0')}`;
}
