import type { CancelReason } from '@fruitables/schema-orders';
import { fulfilments, orders } from '@fruitables/schema-orders';
import { eq } from 'drizzle-orm';
import type { OrdersDb } from './context.ts';
import { publishOrdersEvents } from './events.ts';
import type { LockedOrder } from './order-rows.ts';
import { addTimeline } from './timeline.ts';
import type { FollowUps } from './workflows/follow-ups.ts';

const notes: Partial<Record<CancelReason, string>> = {
  payment_expired: '결제 시간이 지나 주문이 취소됐어요.',
  payment_failed: '결제가 이루어지지 않아 주문이 취소됐어요.',
};

/** Whether the order is placed, unpaid and not yet claimed by a payment. */
export const isUnpaid = (order: LockedOrder): boolean =>
  order.status === 'awaiting_payment' && order.checkoutState === 'placed' && order.paymentKey === null;

/**
 * Cancels a placed order nobody paid (expired, payment failed for good, its hold expired at
 * catalog): OrderCancelled goes out and a release of its hold and bookings starts, in the
 * transaction holding the order's lock. Returns false when the order is not unpaid any more.
 */
export async function cancelUnpaidOrder(
  tx: OrdersDb,
  deps: { followUps: FollowUps },
  order: LockedOrder,
  reason: CancelReason,
  now: Date,
): Promise<boolean> {
  if (!isUnpaid(order)) return false;
  await tx
    .update(orders)
    .set({ status: 'cancelled', cancelReason: reason, cancelledAt: now, updatedAt: now })
    .where(eq(orders.id, order.id));
  const cancelled = await tx
    .update(fulfilments)
    .set({ status: 'cancelled', cancelReason: reason, updatedAt: now })
    .where(eq(fulfilments.orderId, order.id))
    .returning({ bookingId: fulfilments.bookingId });
  await addTimeline(tx, now, [
    { orderId: order.id, fulfilmentId: null, status: 'cancelled', note: notes[reason] ?? '주문이 취소됐어요.' },
  ]);
  await publishOrdersEvents(tx, [
    {
      type: 'OrderCancelled',
      aggregateId: order.id,
      occurredAt: now,
      data: { orderId: order.id, shopperId: order.shopperId, reason, wasPaid: false, cancelledAt: now.toISOString() },
    },
  ]);
  await deps.followUps.release(tx, {
    orderId: order.id,
    holdId: order.holdId,
    bookingIds: cancelled.flatMap((row) => (row.bookingId ? [row.bookingId] : [])),
  });
  return true;
}
