import { bearerSecurity, principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { checkoutSessionBody, checkoutSessionSchema } from '../../contract/payments.ts';
import { openCheckoutSession } from '../../domain/checkout-session.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';

export const createCheckoutSessionRoute = createRoute({
  method: 'post',
  path: '/v1/checkout-sessions',
  tags: ['shopper'],
  summary: 'Open the payment page for an order awaiting payment',
  description:
    "The amount and order name come from orders, never from the browser. The stand-in answers its own payment page's URL; real Toss answers the client key for the widget (paymentPageUrl null).",
  ...bearerSecurity(['shopper']),
  request: { body: { required: true, content: { 'application/json': { schema: checkoutSessionBody } } } },
  responses: {
    200: { description: 'Ready to pay', content: { 'application/json': { schema: checkoutSessionSchema } } },
    ...problemResponses(400, 401, 403, 404, 409, 502, 503, 504),
  },
});

export function registerCreateCheckoutSession(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...createCheckoutSessionRoute, middleware: deps.shopperOnly }, async (c) => {
    const body = c.req.valid('json');
    const session = await openCheckoutSession(deps.ctx, { shopperId: principalOf(c).subject, ...body });
    return c.json(session, 200);
  });
}
