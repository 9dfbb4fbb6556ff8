import { principalOf, problemResponses } from '@fruitables/kit';
import { recipientSchema } from '@fruitables/logistics/contract';
import { createRoute, z } from '@hono/zod-openapi';
import { orderViewSchema } from '../../contract/public-shapes.ts';
import { cropFailurePolicies } from '../../contract/values.ts';
import { MAX_CART_ITEMS } from '../../domain/cart.ts';
import { placeOrder } from '../../domain/place-order.ts';
import { quantity } from '../cart/schema.ts';
import { type OrdersApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';

const OFFER_ID = '0196f0c2-7b3a-7c1e-8f00-000000000010';
const FARM_ID = '0196f0c2-7b3a-7c1e-8f00-000000000003';

export const checkoutHeaders = z.object({
  'idempotency-key': z
    .string('Idempotency-Key 헤더가 필요해요. 주문마다 새 키를 만들어 보내 주세요.')
    .min(8, 'Idempotency-Key는 8자 이상이어야 해요.')
    .max(200)
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, example: 'checkout-0196f0c2-7b3a-7c1e' }),
});

export const checkoutBody = z
  .object({
    items: z
      .array(
        z
          .object({
            offerId: z.uuid('offerId가 올바른 ID가 아니에요.').openapi({ example: OFFER_ID }),
            quantity,
            expectedUnitPrice: z.number().int().min(0).max(100_000_000).openapi({
              example: 39_000,
              description: 'The unit price the shopper saw; a different live price is 409 price_changed',
            }),
            cropFailurePolicy: z.enum(cropFailurePolicies).openapi({ example: 'substitute' }),
          })
          .strict(),
      )
      .min(1, '주문할 상품을 담아 주세요.')
      .max(MAX_CART_ITEMS, `한 번에 ${MAX_CART_ITEMS}가지까지 주문할 수 있어요.`),
    recipient: recipientSchema,
    deliveryDates: z
      .record(z.uuid('농장 ID가 올바르지 않아요.'), z.iso.date('배송일은 YYYY-MM-DD로 보내 주세요.'))
      .openapi({ example: { [FARM_ID]: '2026-12-10' } }),
  })
  .strict()
  .openapi('CheckoutRequest');

export const createCheckoutRoute = createRoute({
  method: 'post',
  path: '/v1/checkouts',
  tags: ['checkout'],
  summary: 'Check out: price on the server, book each farm’s date, hold the stock, place the order',
  description:
    'Needs a verified email (403 email_not_verified) and an Idempotency-Key: the same key returns the same order (200), the same key with another body is 409 idempotency_key_reused. 409 price_changed, sold_out ("품절된 상품이 있어요: …"), date_full, area_unserved; nothing stays held after a refusal. 202 when the order is still being placed after the wait (poll GET /v1/orders/{id}).',
  ...shopperRouteSecurity,
  request: {
    headers: checkoutHeaders,
    body: { required: true, content: { 'application/json': { schema: checkoutBody } } },
  },
  responses: {
    201: { description: 'Placed, awaiting payment', content: { 'application/json': { schema: orderViewSchema } } },
    200: {
      description: 'Already placed under this Idempotency-Key',
      content: { 'application/json': { schema: orderViewSchema } },
    },
    202: {
      description: 'Still being placed (stock and dates are being held)',
      content: { 'application/json': { schema: orderViewSchema } },
    },
    ...problemResponses(400, 401, 403, 409),
  },
});

export function registerCreateCheckout(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...createCheckoutRoute, middleware: deps.shopper }, async (c) => {
    const principal = principalOf(c);
    const { order, created, settled } = await placeOrder(
      deps.ctx,
      { shopperId: principal.subject, emailVerified: principal.emailVerified },
      c.req.valid('header')['idempotency-key'],
      c.req.valid('json'),
      c.get('requestId'),
    );
    c.header('cache-control', 'private, no-store');
    if (!settled) return c.json(order, 202);
    return created ? c.json(order, 201) : c.json(order, 200);
  });
}
