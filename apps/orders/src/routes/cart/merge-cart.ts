import { Conflict } from '@fruitables/core';
import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { loadCart, MAX_CART_ITEMS, mergeCart, priceCart } from '../../domain/cart.ts';
import { type OrdersApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';
import { cartResponses, mergeCartBody, toCartLine } from './schema.ts';

export const mergeCartRoute = createRoute({
  method: 'post',
  path: '/v1/cart/merge',
  tags: ['cart'],
  summary: "Merge the guest cart into the shopper's at log-in",
  description: "The same offer's quantities add, capped by the offer's per-order limit.",
  ...shopperRouteSecurity,
  request: { body: { required: true, content: { 'application/json': { schema: mergeCartBody } } } },
  responses: { ...cartResponses, ...problemResponses(400, 401, 403, 409) },
});

export function registerMergeCart(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...mergeCartRoute, middleware: deps.shopper }, async (c) => {
    const shopperId = principalOf(c).subject;
    const lines = c.req.valid('json').items.map(toCartLine);
    const before = await loadCart(deps.ctx.db, shopperId);
    const offers = new Set([...before.map((line) => line.offerId), ...lines.map((line) => line.offerId)]);
    if (offers.size > MAX_CART_ITEMS) {
      throw new Conflict(`장바구니에는 ${MAX_CART_ITEMS}가지까지 담을 수 있어요.`, 'cart_full');
    }
    await mergeCart(deps.ctx, shopperId, lines, deps.ctx.clock.now());
    c.header('cache-control', 'private, no-store');
    return c.json(await priceCart(deps.ctx, await loadCart(deps.ctx.db, shopperId)), 200);
  });
}
