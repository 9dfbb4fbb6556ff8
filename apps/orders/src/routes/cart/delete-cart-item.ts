import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { loadCart, priceCart, removeCartItem } from '../../domain/cart.ts';
import { type OrdersApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';
import { offerParams } from '../params.ts';
import { cartResponses } from './schema.ts';

export const deleteCartItemRoute = createRoute({
  method: 'delete',
  path: '/v1/cart/items/{offerId}',
  tags: ['cart'],
  summary: 'Take an offer out of the cart (already out is fine)',
  ...shopperRouteSecurity,
  request: { params: offerParams },
  responses: { ...cartResponses, ...problemResponses(400, 401, 403) },
});

export function registerDeleteCartItem(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...deleteCartItemRoute, middleware: deps.shopper }, async (c) => {
    const shopperId = principalOf(c).subject;
    await removeCartItem(deps.ctx.db, shopperId, c.req.valid('param').offerId);
    c.header('cache-control', 'private, no-store');
    return c.json(await priceCart(deps.ctx, await loadCart(deps.ctx.db, shopperId)), 200);
  });
}
