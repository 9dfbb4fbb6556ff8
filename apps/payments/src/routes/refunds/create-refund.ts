import { problemResponses, serviceTokenSecurity } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { REFUNDS_SCOPE, refundBody, refundSchema } from '../../contract/internal-refunds.ts';
import { refundPayment } from '../../domain/refund-payment.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';

const refundHeaders = z.object({
  'idempotency-key': z
    .string('Idempotency-Key 헤더가 필요합니다. Send an Idempotency-Key header.')
    .min(8)
    .max(200)
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, example: 'refund-0196f0c2-7b3a-7c1e' }),
});

export const createRefundRoute = createRoute({
  method: 'post',
  path: '/internal/v1/refunds',
  tags: ['internal'],
  summary: "Refund part or all of an order's payment (orders only)",
  description:
    "Reserves the amount under the payment's lock (409 `refund_exceeds_paid` past what was paid, even when refunds race), then cancels it at the PG with the refund's own Idempotency-Key and announces RefundCompleted. The same Idempotency-Key answers the same refund (200). A PG refusal is a 422 with Toss's code; no answer from the PG a 503 (retry with the same key).",
  // What the internal-route guard enforces: a service token for payments with this scope.
  security: serviceTokenSecurity(REFUNDS_SCOPE),
  request: {
    headers: refundHeaders,
    body: { required: true, content: { 'application/json': { schema: refundBody } } },
  },
  responses: {
    201: { description: 'Refunded (or reserved, pending)', content: { 'application/json': { schema: refundSchema } } },
    200: {
      description: 'Already refunded under this Idempotency-Key',
      content: { 'application/json': { schema: refundSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 409, 422, 503),
  },
});

export function registerCreateRefund(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi(createRefundRoute, async (c) => {
    const { refund, created } = await refundPayment(deps.ctx, {
      requestKey: c.req.valid('header')['idempotency-key'],
      ...c.req.valid('json'),
    });
    return created ? c.json(refund, 201) : c.json(refund, 200);
  });
}
