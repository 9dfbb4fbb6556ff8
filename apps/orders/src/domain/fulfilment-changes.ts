import { type CancelReason, type FulfilmentStatus, fulfilments } from '@fruitables/schema-orders';
import { eq } from 'drizzle-orm';
import type { OrdersDb } from './context.ts';
import { publishOrdersEvents } from './events.ts';
import { type LockedOrder, refreshOrderStatus } from './order-rows.ts';
import { canMoveFulfilment } from './order-status.ts';
import { addTimeline } from './timeline.ts';

export type FulfilmentRow = typeof fulfilments.$inferSelect;

const notes: Record<FulfilmentStatus, string> = {
  awaiting_payment: '결제를 기다리고 있어요.',
  paid: '결제가 완료됐어요.',
  preparing: '농장에서 상품을 포장하고 있어요.',
  shipped: '상품이 출발했어요.',
  delivered: '배송이 완료됐어요.',
  completed: '구매가 확정됐어요.',
  cancelled: '주문이 취소됐어요.',
};

/**
 * Moves one fulfilment along its lifecycle (the caller holds the order's lock): the row, the
 * timeline, FulfilmentStatusChanged and the order's derived status, in one transaction.
 * Returns false, changing nothing, when the move is not allowed from where it stands.
 */
export async function moveFulfilment(
  tx: OrdersDb,
  order: LockedOrder,
  fulfilment: FulfilmentRow,
  to: FulfilmentStatus,
  now: Date,
  options: { reason?: CancelReason; note?: string; set?: Partial<typeof fulfilments.$inferInsert> } = {},
): Promise<boolean> {
  if (!canMoveFulfilment(fulfilment.status, to)) return false;
  await tx
    .update(fulfilments)
    .set({ status: to, updatedAt: now, ...(options.reason ? { cancelReason: options.reason } : {}), ...options.set })
    .where(eq(fulfilments.id, fulfilment.id));
  await addTimeline(tx, now, [
    { orderId: order.id, fulfilmentId: fulfilment.id, status: to, note: options.note ?? notes[to] },
  ]);
  if (fulfilment.bookingId) {
    await publishOrdersEvents(tx, [
      {
        type: 'FulfilmentStatusChanged',
        aggregateId: order.id,
        occurredAt: now,
        data: {
          orderId: order.id,
          fulfilmentId: fulfilment.id,
          farmId: fulfilment.farmId,
          shopperId: order.shopperId,
          bookingId: fulfilment.bookingId,
          previousStatus: fulfilment.status,
          status: to,
          reason: options.reason ?? null,
          changedAt: now.toISOString(),
        },
      },
    ]);
  }
  await refreshOrderStatus(tx, order, now);
  return true;
}

export async function findFulfilment(tx: OrdersDb, fulfilmentId: string): Promise<FulfilmentRow | undefined> {
  const [row] = await tx.select().from(fulfilments).where(eq(fulfilments.id, fulfilmentId));
  return row;
}
