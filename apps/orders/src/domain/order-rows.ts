import { fulfilments, orders } from '@fruitables/schema-orders';
import { asc, eq } from 'drizzle-orm';
import type { OrdersDb } from './context.ts';
import { orderStatusOf } from './order-status.ts';

/**
 * The order's row, locked until `tx` ends. Every change to an order or its fulfilments takes
 * this lock first, so a payment, an expiry, a cancel and a farmer starting to pack are
 * serialized per order and never both win.
 */
export async function lockOrder(tx: OrdersDb, orderId: string) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  return order;
}

export type LockedOrder = NonNullable<Awaited<ReturnType<typeof lockOrder>>>;

/** Recomputes the order's status from its fulfilments and refunds (see `orderStatusOf`). */
export async function refreshOrderStatus(tx: OrdersDb, order: LockedOrder, now: Date): Promise<void> {
  const rows = await tx
    .select({ status: fulfilments.status })
    .from(fulfilments)
    .where(eq(fulfilments.orderId, order.id))
    .orderBy(asc(fulfilments.id));
  const status = orderStatusOf(
    rows.map((row) => row.status),
    order.amount,
    order.refundedTotal,
  );
  if (status !== order.status) await tx.update(orders).set({ status, updatedAt: now }).where(eq(orders.id, order.id));
}
