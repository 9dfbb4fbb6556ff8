import type { PayableOrder } from '@fruitables/orders/contract';

export type { PayableOrder };

/**
 * What payments asks orders (its contract's getPayableOrder), as the domain sees it: the order's
 * amount and owner, or undefined when orders has no such order.
 */
export interface OrdersGateway {
  getPayableOrder(orderId: string): Promise<PayableOrder | undefined>;
}
