import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { orderViewSchema } from '../../contract/public-shapes.ts';
import { fulfilmentNotFound, invalidTransition, orderNotFound } from '../../domain/errors.ts';
import { findFulfilment } from '../../domain/fulfilment-changes.ts';
import { findShopperOrder, loadOrderView } from '../../domain/order-views.ts';
import { completeFulfilment } from '../../domain/shipment-events.ts';
import { type OrdersApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';
import { orderFulfilmentParams } from '../params.ts';

export const confirmFulfilmentRoute = createRoute({
  method: 'post',
  path: '/v1/orders/{orderId}/fulfilments/{fulfilmentId}/confirm',
  tags: ['orders'],
  summary: '구매확정: the shopper confirms a delivered fulfilment',
  description: 'Otherwise it happens by itself some days after delivery. Confirming twice is fine.',
  ...shopperRouteSecurity,
  request: { params: orderFulfilmentParams },
  responses: {
    200: { description: 'Completed', content: { 'application/json': { schema: orderViewSchema } } },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerConfirmFulfilment(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...confirmFulfilmentRoute, middleware: deps.shopper }, async (c) => {
    const { orderId, fulfilmentId } = c.req.valid('param');
    const order = await findShopperOrder(deps.ctx.db, principalOf(c).subject, orderId);
    if (!order) throw orderNotFound();
    const fulfilment = await findFulfilment(deps.ctx.db, fulfilmentId);
    if (!fulfilment || fulfilment.orderId !== order.id) throw fulfilmentNotFound();
    if (fulfilment.status !== 'completed') {
      const done = await deps.ctx.db.transaction((tx) =>
        completeFulfilment(tx, order.id, fulfilment.id, deps.ctx.clock.now()),
      );
      if (!done) throw invalidTransition(fulfilment.status, 'completed');
    }
    const view = await loadOrderView(deps.ctx.db, orderId);
    if (!view) throw orderNotFound();
    return c.json(view, 200);
  });
}
