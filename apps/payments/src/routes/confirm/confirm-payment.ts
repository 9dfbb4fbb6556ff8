import { bearerSecurity, principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { confirmBody, confirmResultSchema } from '../../contract/payments.ts';
import { confirmPayment } from '../../domain/confirm-payment.ts';
import type { ConfirmResult } from '../../domain/payment-records.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';

export const confirmPaymentRoute = createRoute({
  method: 'post',
  path: '/v1/confirm',
  tags: ['shopper'],
  summary: "Confirm the payment the PG's page returned with",
  description:
    "Checks the amount against the order's (409 `amount_mismatch`) and that the order is the shopper's and awaiting payment, then confirms at the PG with an Idempotency-Key. A refusal by the PG is a 422 with Toss's code (`REJECT_CARD_COMPANY`…) and Korean detail; no answer from the PG is a 503 `payment_pending`, resolved in the background. Repeating a confirm that succeeded answers the same result.",
  ...bearerSecurity(['shopper']),
  request: { body: { required: true, content: { 'application/json': { schema: confirmBody } } } },
  responses: {
    200: {
      description: 'Paid, or a virtual account issued',
      content: { 'application/json': { schema: confirmResultSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 422, 502, 503, 504),
  },
});

export const confirmResponse = (result: ConfirmResult) => ({
  ...result,
  approvedAt: result.approvedAt?.toISOString() ?? null,
});

export function registerConfirmPayment(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...confirmPaymentRoute, middleware: deps.shopperOnly }, async (c) => {
    const result = await confirmPayment(deps.ctx, { shopperId: principalOf(c).subject, ...c.req.valid('json') });
    return c.json(confirmResponse(result), 200);
  });
}
