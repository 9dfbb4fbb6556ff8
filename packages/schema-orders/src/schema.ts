import { createInboxTable, createOutboxTable } from '@fruitables/bus';
import { createWorkflowRunsTable } from '@fruitables/workflow';
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orders as ordersSchema } from './namespace.ts';
import type { CancelReason, CropFailurePolicy, FulfilmentStatus, OrderStatus } from './values.ts';

export * from './values.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Where a checkout stands: its workflow is running, it placed the order, or it was undone. */
export const checkoutStates = ['placing', 'placed', 'failed'] as const;
export type CheckoutState = (typeof checkoutStates)[number];

/** A line's own fate, next to its fulfilment's: cancelled, refunded after a shortage, substituted, waiting. */
export const lineStatuses = ['active', 'cancelled', 'refunded', 'substituted', 'waiting'] as const;
export type LineStatus = (typeof lineStatuses)[number];

export const refundStatuses = ['requested', 'completed'] as const;
export type RefundStatus = (typeof refundStatuses)[number];

export const cancelRequestStatuses = ['pending', 'accepted', 'declined'] as const;
export type CancelRequestStatus = (typeof cancelRequestStatuses)[number];

/** Who the boxes go to. Stored as given (plain, in this schema only): never in an event or a log line. */
export interface StoredRecipient {
  name: string;
  phone: string;
  postcode: string;
  address1: string;
  address2: string;
  deliveryNote: string | null;
}

/** A lot the boxes of a line came from, as catalog's confirmed hold names it. */
export interface LineLot {
  lotId: string;
  lotCode: string;
  quantity: number;
}

/** A signed-in shopper's cart: one row per offer. A guest's cart lives in the browser and merges in at log-in. */
export const cartItems = ordersSchema.table(
  'cart_items',
  {
    shopperId: uuid('shopper_id').notNull(),
    offerId: uuid('offer_id').notNull(),
    quantity: integer('quantity').notNull(),
    /** The unit price the shopper saw when adding it: a later price is flagged, never silently charged. */
    addedUnitPrice: integer('added_unit_price'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.shopperId, table.offerId] }),
    check('cart_items_quantity_positive', sql`${table.quantity} > 0`),
  ],
);

/** Order numbers per Seoul day: FT-20261207-0001, counted under the day's row lock. */
export const orderNumberDays = ordersSchema.table('order_number_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  last: integer('last').notNull(),
});

/** One checkout: one payment, a fulfilment per farm. */
export const orders = ordersSchema.table(
  'orders',
  {
    id: uuid('id').primaryKey(),
    orderNumber: text('order_number').notNull(),
    shopperId: uuid('shopper_id').notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    checkoutState: text('checkout_state').$type<CheckoutState>().notNull().default('placing'),
    /** Why a checkout was undone (`sold_out`, `date_full`…), for the answer to a repeated key. */
    checkoutError: text('checkout_error'),
    amount: integer('amount').notNull(),
    goodsTotal: integer('goods_total').notNull(),
    deliveryTotal: integer('delivery_total').notNull(),
    refundedTotal: integer('refunded_total').notNull().default(0),
    orderName: text('order_name').notNull(),
    recipient: jsonb('recipient').$type<StoredRecipient>().notNull(),
    /** catalog's stock hold for every line of the order. */
    holdId: uuid('hold_id'),
    /** Set when PaymentCompleted arrived: from then on the order is paid or refunded, never expired. */
    paymentKey: text('payment_key'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    placedAt: timestamp('placed_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason').$type<CancelReason>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('orders_order_number_key').on(table.orderNumber),
    index('orders_shopper_idx').on(table.shopperId, table.id),
    index('orders_hold_idx').on(table.holdId),
    // The expiry sweep looks only at placed, unpaid orders.
    index('orders_unpaid_expiry_idx')
      .on(table.expiresAt)
      .where(sql`${table.status} = 'awaiting_payment' and ${table.paymentKey} is null`),
    check('orders_amount_nonnegative', sql`${table.amount} >= 0`),
    check('orders_refunded_within_amount', sql`${table.refundedTotal} between 0 and ${table.amount}`),
  ],
);

/** One farm's part of an order: booked, packed, shipped, cancelled and refunded on its own. */
export const fulfilments = ordersSchema.table(
  'fulfilments',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    farmId: uuid('farm_id').notNull(),
    farmName: text('farm_name').notNull(),
    status: text('status').$type<FulfilmentStatus>().notNull(),
    deliveryDate: date('delivery_date', { mode: 'string' }).notNull(),
    dispatchDate: date('dispatch_date', { mode: 'string' }),
    /** logistics' booking of the delivery date, set by the checkout's bookings step. */
    bookingId: uuid('booking_id'),
    goodsAmount: integer('goods_amount').notNull(),
    deliveryFee: integer('delivery_fee').notNull(),
    /** A gift order's own recipient for this fulfilment (null: the order's recipient). */
    recipient: jsonb('recipient').$type<StoredRecipient>(),
    /** A gift's card message, printed with the box. */
    cardMessage: text('card_message'),
    /** A gift recipient who types their own address through a link must do so by this time (null: the address came with the order). */
    addressDueAt: timestamp('address_due_at', { withTimezone: true }),
    /** When that recipient gave their address (null while the link waits). */
    addressGivenAt: timestamp('address_given_at', { withTimezone: true }),
    shipmentStatus: text('shipment_status'),
    carrierId: text('carrier_id'),
    trackingNumber: text('tracking_number'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** When 구매확정 happens by itself (delivery plus ORDERS_AUTO_COMPLETE_DAYS). */
    autoCompleteAt: timestamp('auto_complete_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelReason: text('cancel_reason').$type<CancelReason>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('fulfilments_order_idx').on(table.orderId),
    index('fulfilments_farm_dispatch_idx').on(table.farmId, table.dispatchDate),
    index('fulfilments_auto_complete_idx').on(table.autoCompleteAt).where(sql`${table.status} = 'delivered'`),
    index('fulfilments_address_due_idx')
      .on(table.addressDueAt)
      .where(sql`${table.addressGivenAt} is null and ${table.status} <> 'cancelled'`),
  ],
);

/** One offer in a fulfilment, priced on the server at checkout. */
export const orderLines = ordersSchema.table(
  'order_lines',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    fulfilmentId: uuid('fulfilment_id')
      .notNull()
      .references(() => fulfilments.id),
    offerId: uuid('offer_id').notNull(),
    productId: uuid('product_id').notNull(),
    title: text('title').notNull(),
    grade: text('grade').notNull(),
    quantity: integer('quantity').notNull(),
    unitPrice: integer('unit_price').notNull(),
    cropFailurePolicy: text('crop_failure_policy').$type<CropFailurePolicy>().notNull(),
    status: text('status').$type<LineStatus>().notNull().default('active'),
    lots: jsonb('lots').$type<LineLot[]>().notNull().default([]),
    /**
     * The catalog hold its lots were sold under when not the order's own (a substitute line has
     * a hold of its own): a cancel gives those boxes back to that hold.
     */
    holdId: uuid('hold_id'),
    /** Boxes the farm came up short on (crop failure), and until when a `wait` line waits. */
    shortQuantity: integer('short_quantity').notNull().default(0),
    waitUntil: timestamp('wait_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    index('order_lines_order_idx').on(table.orderId),
    index('order_lines_wait_idx').on(table.waitUntil).where(sql`${table.status} = 'waiting'`),
    check('order_lines_quantity_positive', sql`${table.quantity} > 0`),
    check('order_lines_short_within_quantity', sql`${table.shortQuantity} between 0 and ${table.quantity}`),
  ],
);

/** What the shopper's timeline shows: each status an order or fulfilment reached, with a note. */
export const orderTimeline = ordersSchema.table(
  'order_timeline',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    fulfilmentId: uuid('fulfilment_id'),
    status: text('status').notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [index('order_timeline_order_idx').on(table.orderId, table.at)],
);

/** Money orders asked payments to give back, keyed as it asked (`requestKey`), completed by RefundCompleted. */
export const refunds = ordersSchema.table(
  'refunds',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    fulfilmentId: uuid('fulfilment_id'),
    requestKey: text('request_key').notNull(),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    description: text('description').notNull(),
    status: text('status').$type<RefundStatus>().notNull().default('requested'),
    /** payments' refund id, once it answered. */
    paymentsRefundId: uuid('payments_refund_id'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('refunds_request_key').on(table.requestKey),
    index('refunds_order_idx').on(table.orderId),
    check('refunds_amount_positive', sql`${table.amount} > 0`),
  ],
);

/** A shopper's cancel after the farm started packing: the farmer accepts or declines it. */
export const cancelRequests = ordersSchema.table(
  'cancel_requests',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    fulfilmentId: uuid('fulfilment_id')
      .notNull()
      .references(() => fulfilments.id),
    farmId: uuid('farm_id').notNull(),
    /** Empty: the whole fulfilment. */
    lineIds: jsonb('line_ids').$type<string[]>().notNull().default([]),
    reason: text('reason').notNull(),
    status: text('status').$type<CancelRequestStatus>().notNull().default('pending'),
    decisionReason: text('decision_reason'),
    createdAt: createdAt(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (table) => [index('cancel_requests_farm_idx').on(table.farmId, table.status)],
);

/** A checkout's Idempotency-Key, per shopper, with the hash of the body it came with. */
export const checkoutKeys = ordersSchema.table(
  'checkout_keys',
  {
    shopperId: uuid('shopper_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    bodyHash: text('body_hash').notNull(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.shopperId, table.idempotencyKey] })],
);

export const workflowRuns = createWorkflowRunsTable(ordersSchema);
export const outbox = createOutboxTable(ordersSchema);
export const inbox = createInboxTable(ordersSchema);

/** Every table, for `createDrizzle(sql, ordersTables)`. */
export const ordersTables = {
  cartItems,
  orderNumberDays,
  orders,
  fulfilments,
  orderLines,
  orderTimeline,
  refunds,
  cancelRequests,
  checkoutKeys,
  workflowRuns,
  outbox,
  inbox,
};
