import { bearerSecurity, principalOf, problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { paymentSchema, refundAccountBody } from '../../contract/payments.ts';
import { isTossBankCode } from '../../domain/banks.ts';
import { getPaymentOfOrder } from '../../domain/payment-view.ts';
import { PgUncertain } from '../../domain/pg.ts';
import { saveRefundAccount } from '../../domain/refund-account.ts';
import { sendRefund } from '../../domain/refund-payment.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';
import { paymentResponse } from './get-order-payment.ts';

const body = refundAccountBody.refine((account) => isTossBankCode(account.bank), {
  path: ['bank'],
  message: '환불을 받을 수 없는 은행 코드예요. Not a bank Toss refunds to.',
});

export const giveRefundAccountRoute = createRoute({
  method: 'put',
  path: '/v1/orders/{orderId}/refund-account',
  tags: ['shopper'],
  summary: "Give the bank account a virtual-account payment's refunds go to (the order's shopper only)",
  description:
    'Toss returns a virtual-account payment only to a bank account the shopper names (refundReceiveAccount). The account is stored sealed and the refunds waiting for it are sent to the PG at once; the answer is the payment with its refunds. A refund the PG could not take yet stays pending and the reconciler sends it again; an account the PG refuses is 422 with its code (give another).',
  ...bearerSecurity(['shopper']),
  request: {
    params: z.object({ orderId: z.uuid().openapi({ example: '0196f0c2-7b3a-7c1e-8f00-000000000100' }) }),
    body: { required: true, content: { 'application/json': { schema: body } } },
  },
  responses: {
    200: { description: 'The payment, refunds sent', content: { 'application/json': { schema: paymentSchema } } },
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

export function registerGiveRefundAccount(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...giveRefundAccountRoute, middleware: deps.shopperOnly }, async (c) => {
    const shopperId = principalOf(c).subject;
    const { orderId } = c.req.valid('param');
    const account = c.req.valid('json');
    const { paymentKey, waiting } = await saveRefundAccount(deps.ctx, { shopperId, orderId, ...account });
    for (const refund of waiting) {
      try {
        await sendRefund(deps.ctx, refund, paymentKey, account);
      } catch (error) {
        // No answer from the PG: the refund stays pending and the reconciler sends the same cancel again.
        if (!(error instanceof PgUncertain)) throw error;
      }
    }
    return c.json(paymentResponse(await getPaymentOfOrder(deps.ctx, { shopperId, orderId })), 200);
  });
}
