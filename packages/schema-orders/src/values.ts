// orders' value lists, free of any database code: its tables, its contract
// (`@fruitables/orders/contract`), the event catalogue and the browser spell them here once.

/** An order as the shopper sees it (the state machine lives in apps/orders/src/domain). */
export const orderStatuses = [
  'awaiting_payment',
  'paid',
  'preparing',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'partially_refunded',
  'refunded',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** One farm's part of an order (or one gift recipient's): shipped, tracked, cancelled and refunded on its own. */
export const fulfilmentStatuses = [
  'awaiting_payment',
  'paid',
  'preparing',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
] as const;
export type FulfilmentStatus = (typeof fulfilmentStatuses)[number];

/** What the shopper chose at checkout for a line the farm comes up short on. */
export const cropFailurePolicies = ['refund', 'substitute', 'wait'] as const;
export type CropFailurePolicy = (typeof cropFailurePolicies)[number];

/** Why an order or a fulfilment was cancelled. */
export const cancelReasons = [
  'payment_expired',
  'payment_failed',
  'checkout_failed',
  'shopper_cancelled',
  'farmer_accepted_cancel',
  'shortage',
  'recipient_no_address',
  'admin',
] as const;
export type CancelReason = (typeof cancelReasons)[number];
