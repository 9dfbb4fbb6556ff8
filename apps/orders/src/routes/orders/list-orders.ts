import { ValidationFailed } from '@fruitables/core';
import { principalOf, problemResponses } from '@fruitables/kit';
import { orders } from '@fruitables/schema-orders';
import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { orderPageSchema } from '../../contract/public-shapes.ts';
import { listOrderSummaries, parseOrderCursor } from '../../domain/order-views.ts';
import { type OrdersApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';

export const orderListQuery = z.object({
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'nextCursor of the previous page' }),
});

export const PAGE_SIZE = 20;

/** A cursor that is not one of ours is the caller's mistake, said as such. */
export function cursorOf(text: string | undefined): string | undefined {
  const before = parseOrderCursor(text);
  if (before === null) {
    throw new ValidationFailed('cursor가 올바르지 않아요. 받은 nextCursor를 그대로 보내 주세요.', [
      { field: 'cursor', message: 'not a cursor this API gave out' },
    ]);
  }
  return before;
}

export const listOrdersRoute = createRoute({
  method: 'get',
  path: '/v1/orders',
  tags: ['orders'],
  summary: "The shopper's orders, newest first",
  ...shopperRouteSecurity,
  request: { query: orderListQuery },
  responses: {
    200: { description: 'A page of orders', content: { 'application/json': { schema: orderPageSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerListOrders(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...listOrdersRoute, middleware: deps.shopper }, async (c) => {
    const page = await listOrderSummaries(
      deps.ctx.db,
      eq(orders.shopperId, principalOf(c).subject),
      cursorOf(c.req.valid('query').cursor),
      PAGE_SIZE,
    );
    c.header('cache-control', 'private, no-store');
    return c.json(page, 200);
  });
}
