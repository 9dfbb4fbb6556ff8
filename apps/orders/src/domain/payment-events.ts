import type { Clock } from '@fruitables/core';
import type { PlatformEvent } from '@fruitables/events';
import { fulfilments, orders } from '@fruitables/schema-orders';
import { eq } from 'drizzle-orm';
import { cancelUnpaidOrder } from './cancel-unpaid.ts';
import type { OrdersDb } from './context.ts';
import { lockOrder } from './order-rows.ts';
import { refundWholePayment } from './pay-settlement.ts';
import { recordRefundCompleted } from './refunds.ts';
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
