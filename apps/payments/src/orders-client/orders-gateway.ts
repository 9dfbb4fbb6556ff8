import { isCalleeProblem, type ServiceClient } from '@fruitables/kit/client';
import { getPayableOrder } from '@fruitables/orders/contract';
import type { OrdersGateway } from '../domain/orders-gateway.ts';

/**
 * orders' getPayableOrder over the service client (service token with `orders:payments`,
 * timeouts, retries of this safe GET, the circuit breaker). orders' `order_not_found` becomes
 * "no such order"; anything else propagates as the client's error (502/503/504 to our caller).
 */
export function createOrdersGateway(client: ServiceClient): OrdersGateway {
  return {
    async getPayableOrder(orderId) {
      try {
        return await client.call(getPayableOrder, { params: { orderId } });
      } catch (error) {
        if (isCalleeProblem(error, getPayableOrder, 'order_not_found')) return undefined;
        throw error;
      }
    },
  };
}
