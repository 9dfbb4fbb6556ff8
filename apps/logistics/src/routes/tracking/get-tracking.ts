import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { orderTracking } from '../../domain/shipments/order-tracking.ts';
import { type LogisticsApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';
import { orderTrackingSchema, trackedShipmentBody } from './schema.ts';

export const orderParams = z.object({
  orderId: z
    .uuid('orderId가 올바른 ID가 아닙니다. Not a valid id.')
    .openapi({ param: { name: 'orderId', in: 'path' }, example: '0196f0c2-7b3a-7c1e-8f00-000000000500' }),
});

export const getTrackingRoute = createRoute({
  method: 'get',
  path: '/v1/orders/{orderId}/tracking',
  tags: ['shopper'],
  summary: 'Where the order’s boxes are: each shipment with its courier timeline (Korean)',
  description: 'Only the shopper whose order it is (or an admin); anyone else gets 404 like a missing order.',
  ...shopperRouteSecurity,
  request: { params: orderParams },
  responses: {
    200: { description: 'The shipments', content: { 'application/json': { schema: orderTrackingSchema } } },
    ...problemResponses(400, 401, 404),
  },
});

/** The shopper's own orders only; an admin sees any. */
export const viewerOf = (principal: { subject: string; roles: readonly string[] }): string | null =>
  principal.roles.includes('admin') ? null : principal.subject;

export function registerGetTracking(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...getTrackingRoute, middleware: deps.shopperOrAdmin }, async (c) => {
    const found = await orderTracking(deps.ctx.db, c.req.valid('param').orderId, viewerOf(principalOf(c)));
    c.header('cache-control', 'private, no-store');
    return c.json({ shipments: found.map(trackedShipmentBody) }, 200);
  });
}
