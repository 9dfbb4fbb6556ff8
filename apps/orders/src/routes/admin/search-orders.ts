import { likeStartingWith } from '@fruitables/db';
import { problemResponses } from '@fruitables/kit';
import { orders } from '@fruitables/schema-orders';
import { createRoute, z } from '@hono/zod-openapi';
import { and, eq, like, or, type SQL } from 'drizzle-orm';
import { orderPageSchema } from '../../contract/public-shapes.ts';
import { orderStatuses } from '../../contract/values.ts';
import { listOrderSummaries } from '../../domain/order-views.ts';
import { adminRouteSecurity, type OrdersApp, type RouteDeps } from '../deps.ts';
import { cursorOf, PAGE_SIZE } from '../orders/list-orders.ts';

export const adminOrderQuery = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .openapi({
      param: { name: 'q', in: 'query' },
      example: 'FT-20261207',
      description: 'An order number (or its start), an order id or a shopper id',
    }),
  status: z
    .enum(orderStatuses)
    .optional()
    .openapi({ param: { name: 'status', in: 'query' }, example: 'paid' }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' } }),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What `q` matches: an id exactly (the order's or its shopper's), or the start of an order number. */
function matching(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  if (UUID.test(q)) return or(eq(orders.id, q.toLowerCase()), eq(orders.shopperId, q.toLowerCase()));
  return like(orders.orderNumber, likeStartingWith(q.toUpperCase()));
}

export const searchOrdersRoute = createRoute({
  method: 'get',
  path: '/v1/admin/orders',
  tags: ['admin'],
  summary: 'Search orders by number, order id or shopper id, and by status, newest first',
  ...adminRouteSecurity,
  request: { query: adminOrderQuery },
  responses: {
    200: { description: 'A page of orders', content: { 'application/json': { schema: orderPageSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerSearchOrders(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...searchOrdersRoute, middleware: deps.admin }, async (c) => {
    const query = c.req.valid('query');
    const where = and(matching(query.q), query.status ? eq(orders.status, query.status) : undefined);
    c.header('cache-control', 'private, no-store');
    return c.json(await listOrderSummaries(deps.ctx.db, where, cursorOf(query.cursor), PAGE_SIZE), 200);
  });
}
