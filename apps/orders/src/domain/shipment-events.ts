import type { Clock } from '@fruitables/core';
import type { PlatformEvent } from '@fruitables/events';
import { fulfilments, refunds } from '@fruitables/schema-orders';
import { and, eq, lte, sql } from 'drizzle-orm';
import type { OrdersDb, OrdersPolicy } from './context.ts';
import { publishOrdersEvents } from './events.ts';
import { findFulfilment, moveFulfilment } from './fulfilment-changes.ts';
import { lockOrder } from './order-rows.ts';

const DAY_MS = 86_400_000;

/** Courier progress: the fulfilment is shipped from its first scan on; the courier's state is shown as it is. */
export async function applyShipmentStatusChanged(
  tx: OrdersDb,
  deps: { clock: Clock },
  event: PlatformEvent<'ShipmentStatusChanged'>,
): Promise<void> {
  const order = await lockOrder(tx, event.data.orderId);
  const fulfilment = order && (await findFulfilment(tx, event.data.fulfilmentId));
  if (!order || !fulfilment || fulfilment.orderId !== order.id) return;
  const now = deps.clock.now();
  const shipment = {
    shipmentStatus: event.data.status,
    carrierId: event.data.carrierId,
    trackingNumber: event.data.trackingNumber,
  };
  const moving = ['at_pickup', 'in_transit', 'out_for_delivery'].includes(event.data.status);
  if (moving && (fulfilment.status === 'paid' || fulfilment.status === 'preparing')) {
    await moveFulfilment(tx, order, fulfilment, 'shipped', now, {
      set: shipment,
      note: event.data.description || '상품이 출발했어요.',
    });
    return;
  }
  await tx
    .update(fulfilments)
    .set({ ...shipment, updatedAt: now })
    .where(eq(fulfilments.id, fulfilment.id));
}

/** Delivered: the 구매확정 clock starts (completed by itself after `autoCompleteDays`). */
export async function applyShipmentDelivered(
  tx: OrdersDb,
  deps: { clock: Clock; policy: Pick<OrdersPolicy, 'autoCompleteDays'> },
  event: PlatformEvent<'ShipmentDelivered'>,
): Promise<void> {
  const order = await lockOrder(tx, event.data.orderId);
  const fulfilment = order && (await findFulfilment(tx, event.data.fulfilmentId));
  if (!order || !fulfilment || fulfilment.orderId !== order.id) return;
  const deliveredAt = new Date(event.data.deliveredAt);
  await moveFulfilment(tx, order, fulfilment, 'delivered', deps.clock.now(), {
    set: {
      shipmentStatus: 'delivered',
      deliveredAt,
      autoCompleteAt: new Date(deliveredAt.getTime() + deps.policy.autoCompleteDays * DAY_MS),
    },
  });
}

/**
 * 구매확정 of one delivered fulfilment, by the shopper or by the clock: completed, with
 * OrderCompleted carrying what the farm sold net of refunds (payments' ledger books it).
 */
export async function completeFulfilment(tx: OrdersDb, orderId: string, fulfilmentId: string, now: Date) {
  const order = await lockOrder(tx, orderId);
  const fulfilment = order && (await findFulfilment(tx, fulfilmentId));
  if (!order || !fulfilment || fulfilment.orderId !== order.id) return false;
  const moved = await moveFulfilment(tx, order, fulfilment, 'completed', now, { set: { completedAt: now } });
  if (!moved) return false;
  const [refunded] = await tx
    .select({ total: sql<number>`coalesce(sum(${refunds.amount}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.fulfilmentId, fulfilment.id), eq(refunds.status, 'completed')));
  await publishOrdersEvents(tx, [
    {
      type: 'OrderCompleted',
      aggregateId: order.id,
      occurredAt: now,
      data: {
        orderId: order.id,
        fulfilmentId: fulfilment.id,
        farmId: fulfilment.farmId,
        goodsAmount: fulfilment.goodsAmount,
        deliveryFee: fulfilment.deliveryFee,
        refundedAmount: refunded?.total ?? 0,
        completedAt: now.toISOString(),
      },
    },
  ]);
  return true;
}

/** Completes delivered fulfilments whose 구매확정 clock ran out; returns how many. */
export async function completeDueFulfilments(ctx: { db: OrdersDb; clock: Clock }, limit = 100): Promise<number> {
  const now = ctx.clock.now();
  const due = await ctx.db
    .select({ id: fulfilments.id, orderId: fulfilments.orderId })
    .from(fulfilments)
    .where(and(eq(fulfilments.status, 'delivered'), lte(fulfilments.autoCompleteAt, now)))
    .limit(limit);
  let done = 0;
  for (const row of due) {
    if (await ctx.db.transaction((tx) => completeFulfilment(tx, row.orderId, row.id, now))) done += 1;
  }
  return done;
}
