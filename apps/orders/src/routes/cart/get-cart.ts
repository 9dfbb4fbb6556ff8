import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { loadCart, priceCart } from '../../domain/cart.ts';
import { type OrdersApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';
import { cartQuery, cartResponses } from './schema.ts';

export const getCartRoute = createRoute({
  method: 'get',
  path: '/v1/cart',
  tags: ['cart'],
  summary: "The shopper's server cart, priced live",
  ...shopperRouteSecurity,
  request: { query: cartQuery },
  responses: { ...cartResponses, ...problemResponses(400, 401, 403) },
});

export function registerGetCart(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...getCartRoute, middleware: deps.shopper }, async (c) => {
    const lines = await loadCart(deps.ctx.db, principalOf(c).subject);
    c.header('cache-control', 'private, no-store');
    return c.json(await priceCart(deps.ctx, lines, c.req.valid('query').postcode), 200);
  });
}
