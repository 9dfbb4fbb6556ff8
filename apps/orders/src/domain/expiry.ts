import type { Clock } from '@fruitables/core';
import type { PlatformEvent } from '@fruitables/events';
import { orders } from '@fruitables/schema-orders';
import { and, eq, isNull, lte } from 'drizzle-orm';
import { cancelUnpaidOrder } from './cancel-unpaid.ts';
import type { OrdersDb } from './context.ts';
import { lockOrder } from './order-rows.ts';
import type { FollowUps } from './workflows/follow-ups.ts';

/**
 * Cancels placed orders nobody paid by their `expiresAt` (OrderCancelled, reason
 * payment_expired) and starts the release of their holds and bookings. SKIP LOCKED lets
 * replicas sweep side by side; an order a payment is claiming right now is skipped.
 */
export async function expireUnpaidOrders(
  ctx: { db: OrdersDb; clock: Clock; followUps: FollowUps },
  limit = 100,
): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const overdue = await tx
      .select()
      .from(orders)
      .where(
        and(
          eq(orders.status, 'awaiting_payment'),
          eq(orders.checkoutState, 'placed'),
          isNull(orders.paymentKey),
          lte(orders.expiresAt, now),
        ),
      )
      .orderBy(orders.expiresAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    let cancelled = 0;
    for (const order of overdue) {
      if (await cancelUnpaidOrder(tx, ctx, order, 'payment_expired', now)) cancelled += 1;
    }
    return cancelled;
  });
}

/** catalog let an unpaid order's hold expire: the order cannot be paid for any more. */
export async function applyReservationExpired(
  tx: OrdersDb,
  deps: { clock: Clock; followUps: FollowUps },
  event: PlatformEvent<'ReservationExpired'>,
): Promise<void> {
  const [row] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.holdId, event.data.holdId));
  if (!row) return;
  const order = await lockOrder(tx, row.id);
  if (order) await cancelUnpaidOrder(tx, deps, order, 'payment_expired', deps.clock.now());
}
