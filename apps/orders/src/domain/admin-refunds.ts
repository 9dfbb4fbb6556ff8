import { Conflict, formatKrw, newId } from '@fruitables/core';
import { refunds } from '@fruitables/schema-orders';
import { and, eq, sql } from 'drizzle-orm';
import type { OrdersDomain } from './build.ts';
import { fulfilmentNotFound, orderNotFound } from './errors.ts';
import { findFulfilment } from './fulfilment-changes.ts';
import { lockOrder } from './order-rows.ts';
import { requestRefund } from './refunds.ts';
import { addTimeline } from './timeline.ts';

/**
 * An admin gives money back (a bruised box, a late delivery): never more than was paid and
 * not yet refunded or asked for. `requestKey` makes a retried request refund once.
 */
export async function refundByAdmin(
  ctx: Pick<OrdersDomain, 'db' | 'clock' | 'followUps'>,
  orderId: string,
  request: { fulfilmentId: string | null; amount: number; reason: string; requestKey?: string },
): Promise<string | undefined> {
  return ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order?.paidAt) throw orderNotFound();
    if (request.fulfilmentId) {
      const fulfilment = await findFulfilment(tx, request.fulfilmentId);
      if (!fulfilment || fulfilment.orderId !== order.id) throw fulfilmentNotFound();
    }
    const [asked] = await tx
      .select({ total: sql<number>`coalesce(sum(${refunds.amount}), 0)::int` })
      .from(refunds)
      .where(and(eq(refunds.orderId, order.id)));
    const left = order.amount - Math.max(asked?.total ?? 0, order.refundedTotal);
    if (request.amount > left) {
      throw new Conflict(`환불할 수 있는 금액은 ${formatKrw(left)}까지예요.`, 'refund_exceeds_paid', [
        { field: 'amount', message: `at most ${left}` },
      ]);
    }
    const now = ctx.clock.now();
    await addTimeline(tx, now, [
      { orderId: order.id, fulfilmentId: request.fulfilmentId, status: 'refund_requested', note: request.reason },
    ]);
    return requestRefund(
      tx,
      ctx,
      {
        orderId: order.id,
        fulfilmentId: request.fulfilmentId,
        amount: request.amount,
        reason: 'admin',
        description: request.reason,
        requestKey: `admin:${order.id}:${request.requestKey ?? newId()}`,
      },
      now,
    );
  });
}
