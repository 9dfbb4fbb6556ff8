import { type Clock, formatSeoulDateTime } from '@fruitables/core';
import type { PlatformEvent } from '@fruitables/events';
import { fulfilments, orders } from '@fruitables/schema-orders';
import { eq } from 'drizzle-orm';
import { cancelUnpaidOrder, isUnpaid } from './cancel-unpaid.ts';
import type { OrdersDb, OrdersPolicy } from './context.ts';
import { lockOrder } from './order-rows.ts';
import { refundWholePayment } from './pay-settlement.ts';
import { recordRefundCompleted } from './refunds.ts';
import { addTimeline } from './timeline.ts';
import type { FollowUps } from './workflows/follow-ups.ts';

interface HandlerDeps {
  clock: Clock;
  followUps: FollowUps;
}

/**
 * The money came in. An unpaid order is claimed by the payment at once (so expiry no longer
 * touches it) and its "pay" workflow starts: confirm stock and bookings, then paid. An order
 * already cancelled (it expired first) gets the whole payment back instead.
 */
export async function applyPaymentCompleted(
  tx: OrdersDb,
  deps: HandlerDeps,
  event: PlatformEvent<'PaymentCompleted'>,
): Promise<void> {
  const order = await lockOrder(tx, event.data.orderId);
  // Not ours (or not placed): nothing to confirm; payments only confirms orders we answered for.
  if (!order || order.paymentKey !== null) return;
  const now = deps.clock.now();
  await tx.update(orders).set({ paymentKey: event.data.paymentKey, updatedAt: now }).where(eq(orders.id, order.id));
  if (order.status === 'awaiting_payment' && order.checkoutState === 'placed') {
    const bookings = await tx
      .select({ bookingId: fulfilments.bookingId })
      .from(fulfilments)
      .where(eq(fulfilments.orderId, order.id));
    await deps.followUps.pay(tx, {
      orderId: order.id,
      paymentKey: event.data.paymentKey,
      holdId: order.holdId,
      bookingIds: bookings.flatMap((row) => (row.bookingId ? [row.bookingId] : [])),
    });
    return;
  }
  await refundWholePayment(tx, deps, order.id, event.data.amount, now);
}

/** Catalog and logistics keep a hold or booking at most this long; a due date further out is cut to it. */
const LONGEST_WAIT_MS = 7 * 86_400_000 - 3_600_000;

/**
 * A virtual account was issued: the money comes when the shopper deposits, up to its due date.
 * The order no longer expires at its payment window but at the due date, and its stock hold and
 * bookings are kept that long (plus the usual margin) by an `extend` run. The due date's own end
 * is payments' PaymentFailed (final), which cancels the order as before; the sweep at the new
 * `expiresAt` is the fallback should that event be late.
 */
export async function applyPaymentAwaitingDeposit(
  tx: OrdersDb,
  deps: HandlerDeps & { policy: Pick<OrdersPolicy, 'holdMarginSeconds'> },
  event: PlatformEvent<'PaymentAwaitingDeposit'>,
): Promise<void> {
  const order = await lockOrder(tx, event.data.orderId);
  if (!order || !isUnpaid(order)) return;
  const now = deps.clock.now();
  const dueDate = new Date(Math.min(Date.parse(event.data.dueDate), now.getTime() + LONGEST_WAIT_MS));
  if (dueDate <= order.expiresAt) return;
  await tx.update(orders).set({ expiresAt: dueDate, updatedAt: now }).where(eq(orders.id, order.id));
  await addTimeline(tx, now, [
    {
      orderId: order.id,
      fulfilmentId: null,
      status: 'awaiting_deposit',
      note: `가상계좌가 발급됐어요. ${formatSeoulDateTime(dueDate)}까지 입금해 주세요. 그때까지 상품과 배송일을 잡아 둘게요.`,
    },
  ]);
  const bookings = await tx
    .select({ bookingId: fulfilments.bookingId })
    .from(fulfilments)
    .where(eq(fulfilments.orderId, order.id));
  await deps.followUps.extend(tx, {
    orderId: order.id,
    holdId: order.holdId,
    bookingIds: bookings.flatMap((row) => (row.bookingId ? [row.bookingId] : [])),
    until: new Date(dueDate.getTime() + deps.policy.holdMarginSeconds * 1000).toISOString(),
  });
}

/** A payment that can never happen (a virtual account past its due date) cancels the order; a declined card may be retried. */
export async function applyPaymentFailed(
  tx: OrdersDb,
  deps: HandlerDeps,
  event: PlatformEvent<'PaymentFailed'>,
): Promise<void> {
  if (!event.data.final) return;
  const order = await lockOrder(tx, event.data.orderId);
  if (!order) return;
  await cancelUnpaidOrder(tx, deps, order, 'payment_failed', deps.clock.now());
}

export async function applyRefundCompleted(
  tx: OrdersDb,
  deps: Pick<HandlerDeps, 'clock'>,
  event: PlatformEvent<'RefundCompleted'>,
): Promise<void> {
  await recordRefundCompleted(
    tx,
    {
      orderId: event.data.orderId,
      requestKey: event.data.requestKey,
      paymentsRefundId: event.data.refundId,
      fulfilmentId: event.data.fulfilmentId,
      amount: event.data.amount,
      refundedTotal: event.data.refundedTotal,
      reason: event.data.reason,
    },
    deps.clock.now(),
  );
}
