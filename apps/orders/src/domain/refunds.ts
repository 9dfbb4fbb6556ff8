import { formatKrw, newId } from '@fruitables/core';
import { orders, refunds } from '@fruitables/schema-orders';
import { eq, sql } from 'drizzle-orm';
import type { OrdersDb } from './context.ts';
import { lockOrder, refreshOrderStatus } from './order-rows.ts';
import { addTimeline } from './timeline.ts';
import type { FollowUps, RefundInput } from './workflows/follow-ups.ts';

/**
 * Asks payments for a refund: the row (keyed by `requestKey`, derived from what is refunded, so
 * a repeated cancel never refunds twice) and the refund workflow commit with the caller's
 * change. Returns the refund run's id, or undefined when this key was asked for before.
 */
export async function requestRefund(
  tx: OrdersDb,
  deps: { followUps: FollowUps },
  refund: Omit<RefundInput, 'refundId'>,
  now: Date,
): Promise<string | undefined> {
  const refundId = newId();
  const [inserted] = await tx
    .insert(refunds)
    .values({
      id: refundId,
      orderId: refund.orderId,
      fulfilmentId: refund.fulfilmentId,
      requestKey: refund.requestKey,
      amount: refund.amount,
      reason: refund.reason,
      description: refund.description,
      requestedAt: now,
    })
    .onConflictDoNothing({ target: refunds.requestKey })
    .returning({ id: refunds.id });
  if (!inserted) return undefined;
  return deps.followUps.refund(tx, { ...refund, refundId });
}

export interface CompletedRefund {
  orderId: string;
  requestKey: string;
  paymentsRefundId: string;
  fulfilmentId: string | null;
  amount: number;
  /** payments' running total for the order, this refund included. */
  refundedTotal: number;
  reason: string;
}

/**
 * payments returned the money (its answer to createRefund, or RefundCompleted, whichever comes
 * first; the second is a no-op). A refund payments made on its own (an admin there) is recorded
 * too. The order's refunded total follows payments' own running total.
 */
export async function recordRefundCompleted(tx: OrdersDb, refund: CompletedRefund, now: Date): Promise<void> {
  const order = await lockOrder(tx, refund.orderId);
  if (!order) return;
  const [existing] = await tx.select().from(refunds).where(eq(refunds.requestKey, refund.requestKey));
  if (existing?.status === 'completed') return;
  if (existing) {
    await tx
      .update(refunds)
      .set({ status: 'completed', paymentsRefundId: refund.paymentsRefundId, completedAt: now })
      .where(eq(refunds.id, existing.id));
  } else {
    await tx.insert(refunds).values({
      id: newId(),
      orderId: refund.orderId,
      fulfilmentId: refund.fulfilmentId,
      requestKey: refund.requestKey,
      amount: refund.amount,
      reason: refund.reason,
      description: '',
      status: 'completed',
      paymentsRefundId: refund.paymentsRefundId,
      requestedAt: now,
      completedAt: now,
    });
  }
  const refundedTotal = Math.min(order.amount, Math.max(order.refundedTotal, refund.refundedTotal));
  await tx
    .update(orders)
    .set({ refundedTotal: sql`${refundedTotal}::int`, updatedAt: now })
    .where(eq(orders.id, order.id));
  await addTimeline(tx, now, [
    {
      orderId: order.id,
      fulfilmentId: refund.fulfilmentId,
      status: 'refunded',
      note: `${formatKrw(refund.amount)} 환불이 완료됐어요.`,
    },
  ]);
  await refreshOrderStatus(tx, { ...order, refundedTotal }, now);
}
