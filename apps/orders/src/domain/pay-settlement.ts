import { fulfilments, orderLines, orders } from '@fruitables/schema-orders';
import { and, eq } from 'drizzle-orm';
import { allocateLots } from './allocate-lots.ts';
import type { OrdersDb } from './context.ts';
import { fulfilmentSummaries } from './event-payloads.ts';
import { publishOrdersEvents } from './events.ts';
import { lockOrder } from './order-rows.ts';
import { requestRefund } from './refunds.ts';
import { addTimeline } from './timeline.ts';
import type { FollowUps } from './workflows/follow-ups.ts';

export interface PayInput {
  orderId: string;
  paymentKey: string;
  holdId: string | null;
  bookingIds: string[];
}

export type ConfirmedLots = { offerId: string; lotId: string; lotCode: string; quantity: number }[];

/**
 * catalog confirmed the stock and logistics the bookings: the order is paid. The lots sold
 * go onto the lines, every fulfilment is the farm's to pack, and OrderPaid plus one
 * FulfilmentStatusChanged per fulfilment go out, in this one commit.
 */
export async function markPaid(tx: OrdersDb, input: PayInput, lots: ConfirmedLots | undefined, now: Date) {
  const order = await lockOrder(tx, input.orderId);
  if (order?.status !== 'awaiting_payment') return;
  await tx.update(orders).set({ status: 'paid', paidAt: now, updatedAt: now }).where(eq(orders.id, order.id));
  if (lots) {
    const lines = await tx
      .select({ id: orderLines.id, offerId: orderLines.offerId, quantity: orderLines.quantity })
      .from(orderLines)
      .where(eq(orderLines.orderId, order.id));
    const allocated = allocateLots(lines, lots);
    for (const line of lines) {
      await tx
        .update(orderLines)
        .set({ lots: allocated.get(line.id) ?? [] })
        .where(eq(orderLines.id, line.id));
    }
  }
  const paid = await tx
    .update(fulfilments)
    .set({ status: 'paid', updatedAt: now })
    .where(and(eq(fulfilments.orderId, order.id), eq(fulfilments.status, 'awaiting_payment')))
    .returning();
  await addTimeline(tx, now, [{ orderId: order.id, fulfilmentId: null, status: 'paid', note: '결제가 완료됐어요.' }]);
  await publishOrdersEvents(tx, [
    {
      type: 'OrderPaid',
      aggregateId: order.id,
      occurredAt: now,
      data: {
        orderId: order.id,
        orderNumber: order.orderNumber,
        shopperId: order.shopperId,
        amount: order.amount,
        paymentKey: input.paymentKey,
        fulfilments: await fulfilmentSummaries(tx, order.id),
        paidAt: now.toISOString(),
      },
    },
    ...paid.flatMap((fulfilment) =>
      fulfilment.bookingId
        ? [
            {
              type: 'FulfilmentStatusChanged' as const,
              aggregateId: order.id,
              occurredAt: now,
              data: {
                orderId: order.id,
                fulfilmentId: fulfilment.id,
                farmId: fulfilment.farmId,
                shopperId: order.shopperId,
                bookingId: fulfilment.bookingId,
                previousStatus: 'awaiting_payment' as const,
                status: 'paid' as const,
                reason: null,
                changedAt: now.toISOString(),
              },
            },
          ]
        : [],
    ),
  ]);
}

/**
 * The money came in but catalog or logistics would not confirm (the hold expired and its boxes
 * went to someone else): the order is cancelled and the whole payment goes back at once.
 */
export async function refundUnconfirmablePayment(
  tx: OrdersDb,
  deps: { followUps: FollowUps },
  input: PayInput,
  now: Date,
): Promise<void> {
  const order = await lockOrder(tx, input.orderId);
  if (!order) return;
  await tx
    .update(orders)
    .set({ status: 'cancelled', cancelReason: 'payment_expired', cancelledAt: now, updatedAt: now })
    .where(eq(orders.id, order.id));
  await tx
    .update(fulfilments)
    .set({ status: 'cancelled', cancelReason: 'payment_expired', updatedAt: now })
    .where(eq(fulfilments.orderId, order.id));
  await addTimeline(tx, now, [
    {
      orderId: order.id,
      fulfilmentId: null,
      status: 'cancelled',
      note: '결제 확인이 늦어 상품을 준비하지 못했어요. 결제 금액 전부를 환불해 드려요.',
    },
  ]);
  await publishOrdersEvents(tx, [
    {
      type: 'OrderCancelled',
      aggregateId: order.id,
      occurredAt: now,
      data: {
        orderId: order.id,
        shopperId: order.shopperId,
        reason: 'payment_expired',
        wasPaid: true,
        cancelledAt: now.toISOString(),
      },
    },
  ]);
  await refundWholePayment(tx, deps, order.id, order.amount, now);
  await deps.followUps.release(tx, { orderId: order.id, holdId: input.holdId, bookingIds: input.bookingIds });
}

/** The whole payment back, under one key per order: asked twice, refunded once. */
export async function refundWholePayment(
  tx: OrdersDb,
  deps: { followUps: FollowUps },
  orderId: string,
  amount: number,
  now: Date,
): Promise<void> {
  if (amount <= 0) return;
  // payments' reasons name no "paid too late"; admin is the refund nobody asked for but policy.
  await requestRefund(
    tx,
    deps,
    {
      orderId,
      fulfilmentId: null,
      amount,
      reason: 'admin',
      description: '결제 시간이 지난 주문의 결제를 전액 환불해요.',
      requestKey: `order:${orderId}:late-payment`,
    },
    now,
  );
}
