import { Conflict } from '@fruitables/core';
import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { loadCart, MAX_CART_ITEMS, priceCart, putCartItem } from '../../domain/cart.ts';
import { type OrdersApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';
import { offerParams } from '../params.ts';
import { cartResponses, putCartItemBody } from './schema.ts';

export const putCartItemRoute = createRoute({
  method: 'put',
  path: '/v1/cart/items/{offerId}',
  tags: ['cart'],
  summary: 'Put an offer in the cart at this quantity (adds it, or changes its quantity)',
  ...shopperRouteSecurity,
  request: {
    params: offerParams,
    body: { required: true, content: { 'application/json': { schema: putCartItemBody } } },
  },
  responses: { ...cartResponses, ...problemResponses(400, 401, 403, 409) },
});

export function registerPutCartItem(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...putCartItemRoute, middleware: deps.shopper }, async (c) => {
    const shopperId = principalOf(c).subject;
    const { offerId } = c.req.valid('param');
    const body = c.req.valid('json');
    const before = await loadCart(deps.ctx.db, shopperId);
    const existing = before.find((line) => line.offerId === offerId);
    if (!existing && before.length >= MAX_CART_ITEMS) {
      throw new Conflict(`장바구니에는 ${MAX_CART_ITEMS}가지까지 담을 수 있어요.`, 'cart_full');
    }
    await putCartItem(
      deps.ctx.db,
      shopperId,
      { offerId, quantity: body.quantity, addedUnitPrice: body.addedUnitPrice ?? existing?.addedUnitPrice ?? null },
      deps.ctx.clock.now(),
    );
    c.header('cache-control', 'private, no-store');
    return c.json(await priceCart(deps.ctx, await loadCart(deps.ctx.db, shopperId)), 200);
  });
}
