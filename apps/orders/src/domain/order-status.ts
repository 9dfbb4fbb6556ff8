import type { FulfilmentStatus, OrderStatus } from '@fruitables/schema-orders';

/** A fulfilment's lifecycle: which status may follow which. Anything else is refused. */
const nextFulfilmentStatuses: Record<FulfilmentStatus, readonly FulfilmentStatus[]> = {
  awaiting_payment: ['paid', 'cancelled'],
  paid: ['preparing', 'shipped', 'delivered', 'cancelled'],
  preparing: ['shipped', 'delivered', 'cancelled'],
  shipped: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
};

export function canMoveFulfilment(from: FulfilmentStatus, to: FulfilmentStatus): boolean {
  return nextFulfilmentStatuses[from].includes(to);
}

const progress: readonly FulfilmentStatus[] = [
  'awaiting_payment',
  'paid',
  'preparing',
  'shipped',
  'delivered',
  'completed',
];

/**
 * The order's status from its fulfilments: the least advanced of those not cancelled (the
 * order is "shipped" only when every box left), cancelled when all are; a refund overrides it
 * (partially_refunded, refunded), as the shopper's order list shows money first.
 */
export function orderStatusOf(
  fulfilmentStatuses: readonly FulfilmentStatus[],
  amount: number,
  refundedTotal: number,
): OrderStatus {
  if (amount > 0 && refundedTotal >= amount) return 'refunded';
  if (refundedTotal > 0) return 'partially_refunded';
  const live = fulfilmentStatuses.filter((status) => status !== 'cancelled');
  if (live.length === 0) return 'cancelled';
  return progress[Math.min(...live.map((status) => progress.indexOf(status)))] ?? 'paid';
}

/** Before the farm starts packing, the shopper cancels freely. */
export const freelyCancellable = (status: FulfilmentStatus): boolean => status === 'paid';
