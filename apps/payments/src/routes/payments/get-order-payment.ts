import { bearerSecurity, principalOf, problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { paymentSchema } from '../../contract/payments.ts';
import { getPaymentOfOrder, type PaymentView } from '../../domain/payment-view.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';

export const getOrderPaymentRoute = createRoute({
  method: 'get',
  path: '/v1/orders/{orderId}/payment',
  tags: ['shopper'],
  summary: "An order's payment with its refunds (the order's shopper only)",
  ...bearerSecurity(['shopper']),
  request: { params: z.object({ orderId: z.uuid().openapi({ example: '0196f0c2-7b3a-7c1e-8f00-000000000100' }) }) },
  responses: {
    200: { description: 'The payment', content: { 'application/json': { schema: paymentSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export const paymentResponse = (view: PaymentView): z.infer<typeof paymentSchema> => ({
  ...view,
  approvedAt: view.approvedAt?.toISOString() ?? null,
  refunds: view.refunds.map((refund) => ({
    id: refund.id,
    amount: refund.amount,
    reason: refund.reason as z.infer<typeof paymentSchema>['refunds'][number]['reason'],
    description: refund.description,
    fulfilmentId: refund.fulfilmentId,
    status: refund.status,
    at: refund.createdAt.toISOString(),
    completedAt: refund.completedAt?.toISOString() ?? null,
  })),
});

export function registerGetOrderPayment(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...getOrderPaymentRoute, middleware: deps.shopperOnly }, async (c) => {
    const view = await getPaymentOfOrder(deps.ctx, { shopperId: principalOf(c).subject, ...c.req.valid('param') });
    return c.json(paymentResponse(view), 200);
  });
}
