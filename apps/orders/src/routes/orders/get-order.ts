import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { orderViewSchema } from '../../contract/public-shapes.ts';
import { orderNotFound } from '../../domain/errors.ts';
import { withGiftLinkTokens } from '../../domain/gift-links.ts';
import { findShopperOrder, orderViewOf } from '../../domain/order-views.ts';
import { type OrdersApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';
import { orderParams } from '../params.ts';

export const getOrderRoute = createRoute({
  method: 'get',
  path: '/v1/orders/{orderId}',
  tags: ['orders'],
  summary: 'One of the shopper’s orders: fulfilments, lines with their lots, timeline, shipment, refunds',
  description: "Another shopper's order answers 404, exactly like a missing one.",
  ...shopperRouteSecurity,
  request: { params: orderParams },
  responses: {
    200: { description: 'The order', content: { 'application/json': { schema: orderViewSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function registerGetOrder(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...getOrderRoute, middleware: deps.shopper }, async (c) => {
    const order = await findShopperOrder(deps.ctx.db, principalOf(c).subject, c.req.valid('param').orderId);
    if (!order) throw orderNotFound();
    c.header('cache-control', 'private, no-store');
    const view = await orderViewOf(deps.ctx.db, order);
    return c.json(await withGiftLinkTokens(view, deps.ctx.policy.giftLinkSecret, deps.ctx.clock.now()), 200);
  });
}
