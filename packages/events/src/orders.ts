import { defineEvent } from '@fruitables/bus';
import { cancelReasons, cropFailurePolicies, fulfilmentStatuses } from '@fruitables/schema-orders/values';
import { z } from 'zod';

// What orders tells the platform about a purchase. An order is one payment; each farm's part
// (or each gift recipient's) is a fulfilment, shipped, cancelled and refunded on its own.
// No address, phone or card message in any payload: logistics keeps the recipient from the
// booking orders made with it, and whoever else needs them asks orders' API.

const timestamp = z.iso.datetime({ offset: true });
const won = z.number().int().nonnegative();

/** One line of a fulfilment as orders announces it: what to pack, from which lots. */
const fulfilmentLine = z.object({
  lineId: z.uuid(),
  offerId: z.uuid(),
  productId: z.uuid(),
  /** What a packing list and a label print: "성주 꿀참외 특 2kg". */
  title: z.string().min(1),
  quantity: z.number().int().positive(),
  unitPrice: won,
  cropFailurePolicy: z.enum(cropFailurePolicies),
  /** The lots catalog held the boxes from (freshest first): the box's lot is traceable from the order. */
  lots: z.array(z.object({ lotId: z.uuid(), lotCode: z.string().min(1), quantity: z.number().int().positive() })),
});

const fulfilmentSummary = z.object({
  fulfilmentId: z.uuid(),
  farmId: z.uuid(),
  /** The delivery date logistics holds for it (Asia/Seoul calendar date). */
  deliveryDate: z.iso.date(),
  /** logistics' booking of that date, which it turns into a shipment when paid. */
  bookingId: z.uuid(),
  goodsAmount: won,
  deliveryFee: won,
  lines: z.array(fulfilmentLine).min(1),
});

export const orderPlaced = defineEvent({
  type: 'OrderPlaced',
  version: 1,
  description:
    'A checkout held stock and delivery dates and created an order awaiting payment for `amount` KRW. payments accepts a confirm for exactly this amount; an order never paid expires with its holds.',
  data: z.object({
    orderId: z.uuid(),
    orderNumber: z.string().min(1),
    shopperId: z.uuid(),
    amount: won,
    expiresAt: timestamp,
    fulfilments: z.array(fulfilmentSummary).min(0), // gift recipients awaiting their address have no booking yet
    placedAt: timestamp,
  }),
});

export const orderPaid = defineEvent({
  type: 'OrderPaid',
  version: 1,
  description:
    'payments reported the order paid, and orders confirmed its stock holds (the lot of every box is now on the order lines). Each fulfilment is for its farm to pack; logistics turns each booking into a shipment.',
  data: z.object({
    orderId: z.uuid(),
    orderNumber: z.string().min(1),
    shopperId: z.uuid(),
    amount: won,
    paymentKey: z.string().min(1),
    fulfilments: z.array(fulfilmentSummary).min(0),
    paidAt: timestamp,
  }),
});

export const orderCancelled = defineEvent({
  type: 'OrderCancelled',
  version: 1,
  description:
    'A whole order was cancelled: unpaid and expired, payment failed, checkout undone, or every fulfilment cancelled. Its holds and bookings are released; any refund is a RefundCompleted of its own.',
  data: z.object({
    orderId: z.uuid(),
    shopperId: z.uuid(),
    reason: z.enum(cancelReasons),
    wasPaid: z.boolean(),
    cancelledAt: timestamp,
  }),
});

export const fulfilmentStatusChanged = defineEvent({
  type: 'FulfilmentStatusChanged',
  version: 1,
  description:
    "One farm's part of an order moved in its lifecycle (paid → preparing → shipped → delivered → completed, or cancelled). logistics cancels the shipment of a cancelled fulfilment; notifications tell the shopper and the farmer.",
  data: z.object({
    orderId: z.uuid(),
    fulfilmentId: z.uuid(),
    farmId: z.uuid(),
    shopperId: z.uuid(),
    bookingId: z.uuid(),
    previousStatus: z.enum(fulfilmentStatuses),
    status: z.enum(fulfilmentStatuses),
    reason: z.enum(cancelReasons).nullable(),
    changedAt: timestamp,
  }),
});

export const orderCompleted = defineEvent({
  type: 'OrderCompleted',
  version: 1,
  description:
    "A fulfilment was completed (구매확정): by the shopper, or automatically some days after delivery. What it sold, net of refunds, becomes payable to its farm in payments' ledger.",
  data: z.object({
    orderId: z.uuid(),
    fulfilmentId: z.uuid(),
    farmId: z.uuid(),
    goodsAmount: won,
    deliveryFee: won,
    refundedAmount: won,
    completedAt: timestamp,
  }),
});

export const fulfilmentContentsChanged = defineEvent({
  type: 'FulfilmentContentsChanged',
  version: 1,
  description:
    "What a paid fulfilment's boxes hold changed after OrderPaid: a substitute line (the next grade) was added, lines were cancelled, or the farm came up short. `lines` is the whole new content, each with the boxes still to send (`quantity`) and their lots; logistics replaces its packing list and label contents with it.",
  data: z.object({
    orderId: z.uuid(),
    orderNumber: z.string().min(1),
    fulfilmentId: z.uuid(),
    farmId: z.uuid(),
    bookingId: z.uuid(),
    lines: z.array(fulfilmentLine),
    changedAt: timestamp,
  }),
});

export const ordersEvents = [
  orderPlaced,
  orderPaid,
  orderCancelled,
  fulfilmentStatusChanged,
  fulfilmentContentsChanged,
  orderCompleted,
] as const;
