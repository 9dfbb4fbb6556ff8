import { isAnyOf } from '@fruitables/db';
import {
  type CropFailurePolicy,
  cancelRequests,
  type FulfilmentStatus,
  fulfilments,
  orderLines,
  orders,
} from '@fruitables/schema-orders';
import { and, asc, eq, isNotNull, ne } from 'drizzle-orm';
import type { OrdersDomain } from './build.ts';
import { applyCancellation } from './cancel-fulfilment.ts';
import type { OrdersDb } from './context.ts';
import { cancelRequestNotFound, fulfilmentNotFound, invalidTransition } from './errors.ts';
import { findFulfilment, moveFulfilment } from './fulfilment-changes.ts';
import { lockOrder } from './order-rows.ts';
import { addTimeline } from './timeline.ts';

export interface FarmFulfilmentView {
  id: string;
  orderId: string;
  orderNumber: string;
  status: FulfilmentStatus;
  deliveryDate: string;
  dispatchDate: string | null;
  goodsAmount: number;
  recipientName: string;
  /** A gift's card message, to print with the box. */
  cardMessage: string | null;
  lines: {
    id: string;
    offerId: string;
    title: string;
    quantity: number;
    shortQuantity: number;
    status: string;
    cropFailurePolicy: CropFailurePolicy;
    lots: { lotId: string; lotCode: string; quantity: number }[];
  }[];
  cancelRequests: { id: string; reason: string; lineIds: string[]; status: string; createdAt: string }[];
}

/** A farm's paid fulfilments (the ones to pack), by dispatch date and status, oldest dispatch first. */
export async function listFarmFulfilments(
  db: OrdersDb,
  farmId: string,
  filters: { dispatchDate?: string; status?: FulfilmentStatus; fulfilmentId?: string },
): Promise<FarmFulfilmentView[]> {
  const rows = await db
    .select({ fulfilment: fulfilments, orderNumber: orders.orderNumber, recipient: orders.recipient })
    .from(fulfilments)
    .innerJoin(orders, eq(orders.id, fulfilments.orderId))
    .where(
      and(
        eq(fulfilments.farmId, farmId),
        isNotNull(orders.paidAt),
        // A gift recipient still to give their address has no booking yet: nothing to pack.
        isNotNull(fulfilments.bookingId),
        filters.dispatchDate ? eq(fulfilments.dispatchDate, filters.dispatchDate) : undefined,
        filters.fulfilmentId ? eq(fulfilments.id, filters.fulfilmentId) : undefined,
        filters.status ? eq(fulfilments.status, filters.status) : ne(fulfilments.status, 'awaiting_payment'),
      ),
    )
    .orderBy(asc(fulfilments.dispatchDate), asc(fulfilments.id))
    .limit(500);
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.fulfilment.id);
  const [lines, requests] = await Promise.all([
    db.select().from(orderLines).where(isAnyOf(orderLines.fulfilmentId, ids)).orderBy(asc(orderLines.id)),
    db
      .select()
      .from(cancelRequests)
      .where(isAnyOf(cancelRequests.fulfilmentId, ids))
      .orderBy(asc(cancelRequests.createdAt)),
  ]);
  return rows.map(({ fulfilment, orderNumber, recipient }) => ({
    id: fulfilment.id,
    orderId: fulfilment.orderId,
    orderNumber,
    status: fulfilment.status,
    deliveryDate: fulfilment.deliveryDate,
    dispatchDate: fulfilment.dispatchDate,
    goodsAmount: fulfilment.goodsAmount,
    recipientName: fulfilment.recipient?.name ?? recipient.name,
    cardMessage: fulfilment.cardMessage,
    lines: lines
      .filter((line) => line.fulfilmentId === fulfilment.id)
      .map((line) => ({
        id: line.id,
        offerId: line.offerId,
        title: line.title,
        quantity: line.quantity,
        shortQuantity: line.shortQuantity,
        status: line.status,
        cropFailurePolicy: line.cropFailurePolicy,
        lots: line.lots,
      })),
    cancelRequests: requests
      .filter((request) => request.fulfilmentId === fulfilment.id)
      .map((request) => ({
        id: request.id,
        reason: request.reason,
        lineIds: request.lineIds,
        status: request.status,
        createdAt: request.createdAt.toISOString(),
      })),
  }));
}

/** The farm's fulfilment with its order locked; another farm's answers exactly like a missing one. */
async function lockFarmFulfilment(tx: OrdersDb, farmId: string, fulfilmentId: string) {
  const found = await findFulfilment(tx, fulfilmentId);
  if (!found || found.farmId !== farmId) throw fulfilmentNotFound();
  const order = await lockOrder(tx, found.orderId);
  // Read again under the lock: a cancel may have committed between the two reads.
  const fulfilment = await findFulfilment(tx, fulfilmentId);
  if (!order || !fulfilment) throw fulfilmentNotFound();
  return { order, fulfilment };
}

/**
 * The farm starts packing: from now on the shopper's cancel is a request. Under the order's
 * row lock, so a cancel racing it either committed first (and this is refused) or waits.
 */
export async function startPacking(
  ctx: Pick<OrdersDomain, 'db' | 'clock'>,
  farmId: string,
  fulfilmentId: string,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { order, fulfilment } = await lockFarmFulfilment(tx, farmId, fulfilmentId);
    if (fulfilment.status === 'preparing') return;
    if (!fulfilment.bookingId) throw invalidTransition('주소 입력 대기', 'preparing');
    if (!(await moveFulfilment(tx, order, fulfilment, 'preparing', ctx.clock.now()))) {
      throw invalidTransition(fulfilment.status, 'preparing');
    }
  });
}

/** The farmer decides a shopper's cancel request: accepted, it refunds like a free cancel; declined, the shopper is told why. */
export async function decideCancelRequest(
  ctx: Pick<OrdersDomain, 'db' | 'clock' | 'followUps'>,
  farmId: string,
  requestId: string,
  decision: 'accept' | 'decline',
  reason: string | undefined,
): Promise<{ orderId: string; refundRunId: string | undefined }> {
  return ctx.db.transaction(async (tx) => {
    const [request] = await tx.select().from(cancelRequests).where(eq(cancelRequests.id, requestId));
    if (!request || request.farmId !== farmId) throw cancelRequestNotFound();
    const { order, fulfilment } = await lockFarmFulfilment(tx, farmId, request.fulfilmentId);
    const [current] = await tx.select().from(cancelRequests).where(eq(cancelRequests.id, requestId)).for('update');
    if (current?.status !== 'pending') throw invalidTransition(current?.status ?? 'unknown', decision);
    const now = ctx.clock.now();
    await tx
      .update(cancelRequests)
      .set({ status: decision === 'accept' ? 'accepted' : 'declined', decisionReason: reason ?? null, decidedAt: now })
      .where(eq(cancelRequests.id, requestId));
    if (decision === 'decline') {
      await addTimeline(tx, now, [
        {
          orderId: order.id,
          fulfilmentId: fulfilment.id,
          status: 'cancel_declined',
          note: `농장에서 취소 요청을 받아들이지 못했어요${reason ? `: ${reason}` : '.'}`,
        },
      ]);
      return { orderId: order.id, refundRunId: undefined };
    }
    if (fulfilment.status !== 'preparing' && fulfilment.status !== 'paid') {
      throw invalidTransition(fulfilment.status, 'cancelled');
    }
    const refundRunId = await applyCancellation(
      tx,
      ctx,
      order,
      fulfilment,
      request.lineIds,
      'farmer_accepted_cancel',
      now,
    );
    return { orderId: order.id, refundRunId };
  });
}
