import { decodeCursor, encodeCursor, isAnyOf } from '@fruitables/db';
import {
  type FulfilmentStatus,
  fulfilments,
  type LineLot,
  type OrderStatus,
  orderLines,
  orders,
  orderTimeline,
  refunds,
} from '@fruitables/schema-orders';
import { and, asc, desc, eq, isNotNull, lt } from 'drizzle-orm';
import type { OrdersDb } from './context.ts';
import { freelyCancellable } from './order-status.ts';

export interface LineView {
  id: string;
  offerId: string;
  productId: string;
  title: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  cropFailurePolicy: 'refund' | 'substitute' | 'wait';
  status: string;
  shortQuantity: number;
  waitUntil: string | null;
  lots: LineLot[];
}

export interface FulfilmentView {
  id: string;
  farmId: string;
  farmName: string;
  status: FulfilmentStatus;
  deliveryDate: string;
  goodsAmount: number;
  deliveryFee: number;
  cancellable: boolean;
  /** A gift fulfilment's own recipient (name only here) and card; null on an ordinary order. */
  recipientName: string | null;
  cardMessage: string | null;
  /**
   * A gift recipient who gives their own address: until when, whether they did, and the link's
   * token to forward (only on the buyer's own view, only while it still works).
   */
  addressLink: { dueAt: string; given: boolean; token: string | null } | null;
  lines: LineView[];
  timeline: { status: string; at: string; note: string | null }[];
  shipment: { carrierId: string | null; trackingNumber: string | null; status: string } | null;
}

export interface OrderView {
  id: string;
  orderNumber: string;
  status: OrderStatus;
  amount: number;
  goodsTotal: number;
  deliveryTotal: number;
  refundedTotal: number;
  orderName: string;
  placedAt: string;
  expiresAt: string;
  paidAt: string | null;
  placed: boolean;
  fulfilments: FulfilmentView[];
  refunds: {
    id: string;
    amount: number;
    reason: string;
    fulfilmentId: string | null;
    status: string;
    at: string;
  }[];
}

export type OrderRow = typeof orders.$inferSelect;

/** The order as its shopper (and its farmers, and admins) see it: fulfilments, lines, lots, timeline, refunds. */
export async function loadOrderView(db: OrdersDb, orderId: string): Promise<OrderView | undefined> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return undefined;
  return orderViewOf(db, order);
}

export async function orderViewOf(db: OrdersDb, order: OrderRow): Promise<OrderView> {
  const [fulfilmentRows, lineRows, timelineRows, refundRows] = await Promise.all([
    db.select().from(fulfilments).where(eq(fulfilments.orderId, order.id)).orderBy(asc(fulfilments.id)),
    db.select().from(orderLines).where(eq(orderLines.orderId, order.id)).orderBy(asc(orderLines.id)),
    db.select().from(orderTimeline).where(eq(orderTimeline.orderId, order.id)).orderBy(asc(orderTimeline.at)),
    db.select().from(refunds).where(eq(refunds.orderId, order.id)).orderBy(asc(refunds.requestedAt)),
  ]);
  return {
    id: order.id,
    orderNumber: order.orderNumber,
    status: order.status,
    amount: order.amount,
    goodsTotal: order.goodsTotal,
    deliveryTotal: order.deliveryTotal,
    refundedTotal: order.refundedTotal,
    orderName: order.orderName,
    placedAt: (order.placedAt ?? order.createdAt).toISOString(),
    expiresAt: order.expiresAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    placed: order.checkoutState === 'placed',
    fulfilments: fulfilmentRows.map((fulfilment) => ({
      id: fulfilment.id,
      farmId: fulfilment.farmId,
      farmName: fulfilment.farmName,
      status: fulfilment.status,
      deliveryDate: fulfilment.deliveryDate,
      goodsAmount: fulfilment.goodsAmount,
      deliveryFee: fulfilment.deliveryFee,
      cancellable: freelyCancellable(fulfilment.status),
      recipientName: fulfilment.recipient?.name ?? null,
      cardMessage: fulfilment.cardMessage,
      addressLink: fulfilment.addressDueAt
        ? { dueAt: fulfilment.addressDueAt.toISOString(), given: fulfilment.addressGivenAt !== null, token: null }
        : null,
      lines: lineRows
        .filter((line) => line.fulfilmentId === fulfilment.id)
        .map((line) => ({
          id: line.id,
          offerId: line.offerId,
          productId: line.productId,
          title: line.title,
          quantity: line.quantity,
          unitPrice: line.unitPrice,
          lineTotal: line.quantity * line.unitPrice,
          cropFailurePolicy: line.cropFailurePolicy,
          status: line.status,
          shortQuantity: line.shortQuantity,
          waitUntil: line.waitUntil?.toISOString() ?? null,
          lots: line.lots,
        })),
      timeline: timelineRows
        .filter((entry) => entry.fulfilmentId === null || entry.fulfilmentId === fulfilment.id)
        .map((entry) => ({ status: entry.status, at: entry.at.toISOString(), note: entry.note })),
      shipment: fulfilment.shipmentStatus
        ? {
            carrierId: fulfilment.carrierId,
            trackingNumber: fulfilment.trackingNumber,
            status: fulfilment.shipmentStatus,
          }
        : null,
    })),
    refunds: refundRows.map((refund) => ({
      id: refund.id,
      amount: refund.amount,
      reason: refund.reason,
      fulfilmentId: refund.fulfilmentId,
      status: refund.status,
      at: (refund.completedAt ?? refund.requestedAt).toISOString(),
    })),
  };
}

export interface OrderSummaryView {
  id: string;
  orderNumber: string;
  status: OrderStatus;
  amount: number;
  refundedTotal: number;
  orderName: string;
  placedAt: string;
  paidAt: string | null;
  farms: { farmId: string; farmName: string; status: FulfilmentStatus }[];
}

/** The cursor is where the last page ended (order ids are UUIDv7: newest first is id order). */
export function parseOrderCursor(cursor: string | undefined): string | undefined | null {
  if (cursor === undefined || cursor === '') return undefined;
  const decoded = decodeCursor(cursor) as { before?: unknown } | undefined;
  const before = decoded?.before;
  return typeof before === 'string' && /^[0-9a-f-]{36}$/.test(before) ? before : null;
}

/** Placed orders newest first, keyset-paginated; `where` narrows to a shopper or an admin's search. */
export async function listOrderSummaries(
  db: OrdersDb,
  where: ReturnType<typeof and>,
  before: string | undefined,
  limit: number,
): Promise<{ items: OrderSummaryView[]; nextCursor: string | null }> {
  const rows = await db
    .select()
    .from(orders)
    .where(and(where, isNotNull(orders.placedAt), before === undefined ? undefined : lt(orders.id, before)))
    .orderBy(desc(orders.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const farmRows =
    page.length === 0
      ? []
      : await db
          .select({
            orderId: fulfilments.orderId,
            farmId: fulfilments.farmId,
            farmName: fulfilments.farmName,
            status: fulfilments.status,
          })
          .from(fulfilments)
          .where(
            isAnyOf(
              fulfilments.orderId,
              page.map((order) => order.id),
            ),
          )
          .orderBy(asc(fulfilments.id));
  const last = page.at(-1);
  return {
    items: page.map((order) => ({
      id: order.id,
      orderNumber: order.orderNumber,
      status: order.status,
      amount: order.amount,
      refundedTotal: order.refundedTotal,
      orderName: order.orderName,
      placedAt: (order.placedAt ?? order.createdAt).toISOString(),
      paidAt: order.paidAt?.toISOString() ?? null,
      farms: farmRows
        .filter((row) => row.orderId === order.id)
        .map(({ farmId, farmName, status }) => ({ farmId, farmName, status })),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ before: last.id }) : null,
  };
}

/** The shopper's own order, or undefined: another shopper's order looks exactly like a missing one. */
export async function findShopperOrder(db: OrdersDb, shopperId: string, orderId: string) {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.shopperId, shopperId), isNotNull(orders.placedAt)));
  return order;
}
