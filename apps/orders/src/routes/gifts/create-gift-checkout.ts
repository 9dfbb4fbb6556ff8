import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { giftCheckoutRecipientSchema } from '../../contract/gifts.ts';
import { orderViewSchema } from '../../contract/public-shapes.ts';
import { MAX_GIFT_RECIPIENTS } from '../../domain/gift-recipients.ts';
import { placeGiftOrder } from '../../domain/place-order.ts';
import { checkoutBody, checkoutHeaders } from '../checkouts/create-checkout.ts';
import { type OrdersApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';

export const giftCheckoutBody = z
  .object({
    items: checkoutBody.shape.items,
    recipients: z
      .array(giftCheckoutRecipientSchema)
      .min(1, '받는 분을 한 분 이상 적어 주세요.')
      .max(MAX_GIFT_RECIPIENTS, `한 번에 ${MAX_GIFT_RECIPIENTS}분까지 보낼 수 있어요.`),
  })
  .strict()
  .openapi('GiftCheckoutRequest');

export const createGiftCheckoutRoute = createRoute({
  method: 'post',
  path: '/v1/gift-checkouts',
  tags: ['checkout'],
  summary: '명절 선물: the same items to up to 100 recipients, each with an address, a card and a date',
  description:
    'One payment; every recipient (with an address, or `addressByLink: true` for a link to type their own by 18:00 Seoul two days before dispatch) gets a fulfilment per farm, each booked, tracked, cancelled and refunded on its own (each pays its farm’s delivery fee rule). Answers like POST /v1/checkouts.',
  ...shopperRouteSecurity,
  request: {
    headers: checkoutHeaders,
    body: { required: true, content: { 'application/json': { schema: giftCheckoutBody } } },
  },
  responses: {
    201: { description: 'Placed, awaiting payment', content: { 'application/json': { schema: orderViewSchema } } },
    200: { description: 'Already placed under this key', content: { 'application/json': { schema: orderViewSchema } } },
    202: { description: 'Still being placed', content: { 'application/json': { schema: orderViewSchema } } },
    ...problemResponses(400, 401, 403, 409),
  },
});

export function registerCreateGiftCheckout(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...createGiftCheckoutRoute, middleware: deps.shopper }, async (c) => {
    const principal = principalOf(c);
    const { order, created, settled } = await placeGiftOrder(
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
