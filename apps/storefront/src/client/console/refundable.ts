import type { OrderView } from '../answers/orders.ts';

/** What can still go back: a fulfilment's goods and delivery, less what was refunded for it; never more than the order's rest. */
export function refundable(order: OrderView, fulfilmentId: string | null): number {
  const rest = Math.max(order.amount - order.refundedTotal, 0);
  if (fulfilmentId === null) return rest;
  const fulfilment = order.fulfilments.find((candidate) => candidate.id === fulfilmentId);
  if (!fulfilment) return 0;
  const refunded = order.refunds
    .filter((refund) => refund.fulfilmentId === fulfilmentId)
    .reduce((sum, refund) => sum + refund.amount, 0);
  return Math.min(Math.max(fulfilment.goodsAmount + fulfilment.deliveryFee - refunded, 0), rest);
}
