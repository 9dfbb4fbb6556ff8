import { type StandInServer, standInRoutes, startStandInServer } from '@fruitables/kit/testing';
import type { PayableOrder } from '@fruitables/orders/contract';

/**
 * A small orders honouring its contract's getPayableOrder (`GET
 * /internal/v1/orders/{orderId}/payable`, problem `order_not_found`), over real HTTP: orders is
 * being written at the same time, so payments' tests serve the contract's shape themselves.
 * Tests put orders in it with `place()` and change them in place.
 */
export interface OrdersStandIn extends StandInServer {
  place(order: PayableOrder): PayableOrder;
  orders: Map<string, PayableOrder>;
  /** Every Authorization header it received (payments must send its service token). */
  authorizations: string[];
}

const notFound = () =>
  Response.json(
    {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      code: 'order_not_found',
      detail: 'No such order.',
      requestId: 'stand-in',
    },
    { status: 404, headers: { 'content-type': 'application/problem+json' } },
  );

export function startOrdersStandIn(): OrdersStandIn {
  const orders = new Map<string, PayableOrder>();
  const authorizations: string[] = [];
  const server = startStandInServer(
    standInRoutes([
      {
        method: 'GET',
        path: /^\/internal\/v1\/orders\/([^/]+)\/payable$/,
        answer(match, request) {
          authorizations.push(request.headers.get('authorization') ?? '');
          const order = orders.get(match[1] ?? '');
          return order ? Response.json(order) : notFound();
        },
      },
    ]),
  );
  return {
    ...server,
    orders,
    authorizations,
    place(order) {
      orders.set(order.orderId, order);
      return order;
    },
  };
}
