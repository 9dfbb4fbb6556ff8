import { problemResponses, serviceTokenSecurity } from '@fruitables/kit';
import { orders } from '@fruitables/schema-orders';
import { createRoute } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { PAYMENTS_SCOPE, payableOrderSchema } from '../../contract/internal-payments.ts';
import { orderNotFound } from '../../domain/errors.ts';
import type { OrdersApp, RouteDeps } from '../deps.ts';
import { orderParams } from '../params.ts';

export const getPayableOrderRoute = createRoute({
  method: 'get',
  path: '/internal/v1/orders/{orderId}/payable',
  tags: ['internal'],
  summary: 'What an order is to be paid: its amount, owner, status and deadline (payments only)',
  description: 'An order still being placed (or whose checkout was undone) is 404: there is nothing to pay yet.',
  security: serviceTokenSecurity(PAYMENTS_SCOPE),
  request: { params: orderParams },
  responses: {
    200: { description: 'The payable order', content: { 'application/json': { schema: payableOrderSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function registerGetPayableOrder(app: OrdersApp, deps: RouteDeps): void {
  app.openapi(getPayableOrderRoute, async (c) => {
    const [order] = await deps.ctx.db
      .select()
      .from(orders)
      .where(eq(orders.id, c.req.valid('param').orderId));
    if (order?.checkoutState !== 'placed') throw orderNotFound();
    return c.json(
      {
        orderId: order.id,
        orderNumber: order.orderNumber,
        shopperId: order.shopperId,
        amount: order.amount,
        orderName: order.orderName,
        status: order.status,
        expiresAt: order.expiresAt.toISOString(),
      },
      200,
    );
  });
}
