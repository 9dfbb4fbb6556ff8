import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { orderViewSchema } from '../../contract/public-shapes.ts';
import { orderNotFound } from '../../domain/errors.ts';
import { loadOrderView } from '../../domain/order-views.ts';
import { adminRouteSecurity, type OrdersApp, type RouteDeps } from '../deps.ts';
import { orderParams } from '../params.ts';

// Support opens one order from the search (whose summaries carry no fulfilments) to refund a farm's part of it.
export const getAdminOrderRoute = createRoute({
  method: 'get',
  path: '/v1/admin/orders/{orderId}',
  tags: ['admin'],
  summary: 'Any shopper’s order, whole: fulfilments, lines with their lots, timeline, shipment, refunds',
  ...adminRouteSecurity,
  request: { params: orderParams },
  responses: {
    200: { description: 'The order', content: { 'application/json': { schema: orderViewSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function registerGetAdminOrder(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...getAdminOrderRoute, middleware: deps.admin }, async (c) => {
    const order = await loadOrderView(deps.ctx.db, c.req.valid('param').orderId);
    if (!order) throw orderNotFound();
    c.header('cache-control', 'private, no-store');
    return c.json(order, 200);
  });
}
