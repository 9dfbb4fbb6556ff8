import { fulfilments, orderLines, orders } from '@fruitables/schema-orders';
import { and, eq } from 'drizzle-orm';
import { allocateLots } from './allocate-lots.ts';
import type { OrdersDb, WorkflowContext } from './context.ts';
import { fulfilmentSummaries } from './event-payloads.ts';
import { publishOrdersEvents } from './events.ts';
import { addTimeline } from './timeline.ts';
import type { CheckoutInput, CheckoutResults } from './workflows/checkout.ts';

/**
 * The checkout's last step committed: the order is placed, awaiting payment. Its bookings, its
 * hold and the lots catalog chose are recorded, and OrderPlaced goes out, in this one commit.
 */
export async function markPlaced(
  tx: OrdersDb,
  ctx: Pick<WorkflowContext, 'clock'>,
  input: CheckoutInput,
  results: Partial<CheckoutResults>,
): Promise<void> {
  const now = ctx.clock.now();
  const hold = results.stock;
  const bookings = results.bookings ?? {};
  const [order] = await tx
    .update(orders)
    .set({ checkoutState: 'placed', placedAt: now, holdId: hold?.holdId ?? null, updatedAt: now })
    .where(and(eq(orders.id, input.orderId), eq(orders.checkoutState, 'placing')))
    .returning();
  if (!order) return;
  for (const [fulfilmentId, booking] of Object.entries(bookings)) {
    await tx
      .update(fulfilments)
      .set({ bookingId: booking.bookingId, dispatchDate: booking.dispatchDate, updatedAt: now })
      .where(eq(fulfilments.id, fulfilmentId));
  }
  const lines = await tx
    .select({ id: orderLines.id, offerId: orderLines.offerId, quantity: orderLines.quantity })
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id));
  const allocated = allocateLots(lines, hold?.lines ?? []);
  for (const line of lines) {
    await tx
      .update(orderLines)
      .set({ lots: allocated.get(line.id) ?? [] })
      .where(eq(orderLines.id, line.id));
  }
  await addTimeline(tx, now, [
    {
      orderId: order.id,
      fulfilmentId: null,
      status: 'awaiting_payment',
      note: '주문이 접수됐어요. 결제를 기다리고 있어요.',
    },
  ]);
  await publishOrdersEvents(tx, [
    {
      type: 'OrderPlaced',
      aggregateId: order.id,
      occurredAt: now,
      data: {
        orderId: order.id,
        orderNumber: order.orderNumber,
        shopperId: order.shopperId,
        amount: order.amount,
        expiresAt: order.expiresAt.toISOString(),
        fulfilments: await fulfilmentSummaries(tx, order.id),
        placedAt: now.toISOString(),
      },
    },
  ]);
}

/**
 * The checkout was undone (sold out, date full, a callee that never answered): the order never
 * existed for the shopper, so no event; the code is kept to answer a repeated key the same way.
 */
export async function markCheckoutFailed(
  tx: OrdersDb,
  ctx: Pick<WorkflowContext, 'clock'>,
  orderId: string,
  error: string | undefined,
): Promise<void> {
  const now = ctx.clock.now();
  await tx
    .update(orders)
    .set({
      checkoutState: 'failed',
      checkoutError: error ?? 'checkout_failed',
      status: 'cancelled',
      cancelReason: 'checkout_failed',
      cancelledAt: now,
      updatedAt: now,
    })
    .where(and(eq(orders.id, orderId), eq(orders.checkoutState, 'placing')));
  await tx
    .update(fulfilments)
    .set({ status: 'cancelled', cancelReason: 'checkout_failed', updatedAt: now })
    .where(eq(fulfilments.orderId, orderId));
}
