import { formatKrw, newId, ValidationFailed } from '@fruitables/core';
import { type CancelReason, cancelRequests, fulfilments, orderLines } from '@fruitables/schema-orders';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { OrdersDomain } from './build.ts';
import { cancelUnpaidOrder, isUnpaid } from './cancel-unpaid.ts';
import type { OrdersDb } from './context.ts';
import { fulfilmentNotFound, notCancellable, orderNotFound } from './errors.ts';
import { publishOrdersEvents } from './events.ts';
import { type FulfilmentRow, findFulfilment, moveFulfilment } from './fulfilment-changes.ts';
import { announceFulfilmentContents } from './fulfilment-contents.ts';
import { type LockedOrder, lockOrder } from './order-rows.ts';
import { requestRefund } from './refunds.ts';
import { requestRestock } from './restock.ts';
import { addTimeline } from './timeline.ts';
import type { FollowUps } from './workflows/follow-ups.ts';

export type CancelOutcome =
  | { kind: 'cancelled'; refundRunId: string | undefined }
  | { kind: 'requested'; requestId: string };

/**
 * Cancels lines of a paid fulfilment the farm has not started packing (all of them when
 * `lineIds` is empty): the lines are cancelled, the fulfilment too when none is left (logistics
 * cancels its shipment on FulfilmentStatusChanged), and the money goes back through payments
 * under a key derived from what is cancelled, so asking twice refunds once. The caller holds the
 * order's lock. Returns the refund run's id, if a refund was asked for.
 */
export async function applyCancellation(
  tx: OrdersDb,
  deps: { followUps: FollowUps },
  order: LockedOrder,
  fulfilment: FulfilmentRow,
  lineIds: readonly string[],
  reason: CancelReason,
  now: Date,
): Promise<string | undefined> {
  const active = await tx
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.fulfilmentId, fulfilment.id), ne(orderLines.status, 'cancelled')))
    .orderBy(asc(orderLines.id));
  const unknown = lineIds.filter((id) => !active.some((line) => line.id === id));
  if (unknown.length > 0) {
    throw new ValidationFailed(
      '취소할 수 없는 상품이 있어요.',
      unknown.map((id) => ({ field: 'lineIds', message: `line ${id} is not a live line of this fulfilment` })),
    );
  }
  const chosen = lineIds.length === 0 ? active : active.filter((line) => lineIds.includes(line.id));
  const remaining = active.filter((line) => !chosen.includes(line));
  if (chosen.length === 0) throw notCancellable('취소할 상품이 없어요.');
  await tx
    .update(orderLines)
    .set({ status: 'cancelled' })
    .where(
      inArray(
        orderLines.id,
        chosen.map((line) => line.id),
      ),
    );
  // What was not already refunded as a shortage comes back; the fee too when nothing is left to ship.
  const goods = chosen.reduce((sum, line) => sum + (line.quantity - line.shortQuantity) * line.unitPrice, 0);
  const amount = goods + (remaining.length === 0 ? fulfilment.deliveryFee : 0);
  if (remaining.length === 0) {
    await moveFulfilment(tx, order, fulfilment, 'cancelled', now, { reason });
  } else {
    await addTimeline(tx, now, [
      {
        orderId: order.id,
        fulfilmentId: fulfilment.id,
        status: 'lines_cancelled',
        note: `${chosen.map((line) => line.title).join(', ')} 주문이 취소됐어요.`,
      },
    ]);
    await announceFulfilmentContents(tx, fulfilment.id, now);
  }
  const live = await tx
    .select({ id: fulfilments.id })
    .from(fulfilments)
    .where(and(eq(fulfilments.orderId, order.id), ne(fulfilments.status, 'cancelled')));
  if (live.length === 0) {
    await publishOrdersEvents(tx, [
      {
        type: 'OrderCancelled',
        aggregateId: order.id,
        occurredAt: now,
        data: { orderId: order.id, shopperId: order.shopperId, reason, wasPaid: true, cancelledAt: now.toISOString() },
      },
    ]);
  }
  // A gift recipient who never gave their address is refunded under its own key and reason.
  const noAddress = reason === 'recipient_no_address';
  const requestKey = noAddress
    ? `no-address:${fulfilment.id}`
    : `cancel:${fulfilment.id}:${chosen
        .map((line) => line.id)
        .sort()
        .join(',')}`;
  // The boxes not already given back as short go back on sale at catalog.
  await requestRestock(
    tx,
    deps,
    { orderId: order.id, orderHoldId: order.holdId, requestKey, reason: 'cancelled' },
    chosen.map((line) => ({ line, from: 0, count: line.quantity - line.shortQuantity })),
  );
  if (amount <= 0) return undefined;
  return requestRefund(
    tx,
    deps,
    {
      orderId: order.id,
      fulfilmentId: fulfilment.id,
      amount,
      reason: noAddress ? 'recipient_no_address' : 'shopper_cancelled',
      description: `${noAddress ? '받는 분 주소 미입력' : '주문 취소'} 환불 ${formatKrw(amount)} (${fulfilment.farmName})`,
      requestKey,
    },
    now,
  );
}

/**
 * The shopper cancels a fulfilment (or some of its lines): before payment the whole order is
 * cancelled; until the farm starts packing the refund is immediate; once it packs, the cancel
 * becomes a request the farmer accepts or declines. The order's row lock decides against a
 * farmer starting to pack at the same instant: one of the two wins, never both.
 */
export async function cancelFulfilment(
  ctx: Pick<OrdersDomain, 'db' | 'clock' | 'followUps'>,
  shopperId: string,
  orderId: string,
  fulfilmentId: string,
  lineIds: readonly string[],
  reason: string,
): Promise<CancelOutcome> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const order = await lockOrder(tx, orderId);
    if (!order || order.shopperId !== shopperId || order.placedAt === null) throw orderNotFound();
    const fulfilment = await findFulfilment(tx, fulfilmentId);
    if (!fulfilment || fulfilment.orderId !== order.id) throw fulfilmentNotFound();
    if (isUnpaid(order)) {
      await cancelUnpaidOrder(tx, ctx, order, 'shopper_cancelled', now);
      return { kind: 'cancelled', refundRunId: undefined };
    }
    if (fulfilment.status === 'paid') {
      const refundRunId = await applyCancellation(tx, ctx, order, fulfilment, lineIds, 'shopper_cancelled', now);
      return { kind: 'cancelled', refundRunId };
    }
    if (fulfilment.status === 'preparing') {
      const requestId = newId();
      await tx.insert(cancelRequests).values({
        id: requestId,
        orderId: order.id,
        fulfilmentId: fulfilment.id,
        farmId: fulfilment.farmId,
        lineIds: [...lineIds],
        reason,
        createdAt: now,
      });
      await addTimeline(tx, now, [
        {
          orderId: order.id,
          fulfilmentId: fulfilment.id,
          status: 'cancel_requested',
          note: '농장에서 포장을 시작해 취소 요청을 보냈어요. 농장의 답을 기다려 주세요.',
        },
      ]);
      return { kind: 'requested', requestId };
    }
    throw notCancellable();
  });
}
