import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { priceCart } from '../../domain/cart.ts';
import type { OrdersApp, RouteDeps } from '../deps.ts';
import { cartResponses, priceCartBody, toCartLine } from './schema.ts';

export const priceCartRoute = createRoute({
  method: 'post',
  path: '/v1/cart/price',
  tags: ['cart'],
  summary: "A guest's cart priced live: prices, stock, per-farm subtotals, delivery fees and promises",
  description:
    'No sign-in: the browser keeps a guest cart and asks for its live view. A price changed since a line was added is flagged.',
  request: { body: { required: true, content: { 'application/json': { schema: priceCartBody } } } },
  responses: { ...cartResponses, ...problemResponses(400) },
});

export function registerPriceCart(app: OrdersApp, deps: RouteDeps): void {
  app.openapi(priceCartRoute, async (c) => {
    const body = c.req.valid('json');
    c.header('cache-control', 'no-store');
    return c.json(await priceCart(deps.ctx, body.items.map(toCartLine), body.postcode), 200);
  });
}
