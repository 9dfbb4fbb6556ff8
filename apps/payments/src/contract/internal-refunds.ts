import { defineOperation } from '@fruitables/kit/contract';
import { z } from '@hono/zod-openapi';
import { REFUND_ID } from './examples.ts';
import { refundReasons } from './values.ts';

/*
 * How orders gives money back: a shopper's cancel, a shortage, a substitution's price
 * difference or an admin's decision. Keyed by the caller's Idempotency-Key (orders derives it
 * from what it refunds), so a retry never refunds twice; the sum refunded never exceeds what
 * was paid, even when two refunds race.
 */

export const PAYMENTS_AUDIENCE = 'payments';
export const REFUNDS_SCOPE = 'payments:refunds';

export const paymentsServiceScopes = {
  [REFUNDS_SCOPE]: "Refund part or all of an order's payment (orders).",
};

const won = z.number().int();

export const refundBody = z
  .object({
    orderId: z.uuid(),
    fulfilmentId: z.uuid().nullable().openapi({ description: 'The fulfilment the refund is for, if one' }),
    amount: won.positive().max(100_000_000).openapi({ example: 12_000 }),
    reason: z.enum(refundReasons).openapi({ example: 'shortage' }),
    /** Shown to the shopper and in Toss's `cancelReason`. */
    description: z.string().trim().min(1).max(200).openapi({ example: '부족분 환불 (성주 꿀참외 1박스)' }),
  })
  .strict()
  .openapi('RefundRequest');

export type RefundRequest = z.infer<typeof refundBody>;

export const refundSchema = z
  .object({
    id: z.uuid().openapi({ example: REFUND_ID }),
    orderId: z.uuid(),
    fulfilmentId: z.uuid().nullable(),
    amount: won.nonnegative().openapi({ example: 12_000 }),
    /** `completed` when the PG returned the money; `pending` while a virtual account awaits the refund account. */
    status: z.enum(['completed', 'pending']).openapi({ example: 'completed' }),
    /** Everything refunded on this order so far, this refund included. */
    refundedTotal: won.nonnegative().openapi({ example: 12_000 }),
    requestKey: z.string(),
  })
  .openapi('Refund');

export type Refund = z.infer<typeof refundSchema>;

export const createRefund = defineOperation({
  method: 'POST',
  path: '/internal/v1/refunds',
  body: refundBody,
  response: refundSchema,
  idempotent: false,
  idempotencyKey: 'required',
  scope: REFUNDS_SCOPE,
  problemCodes: [
    'payment_not_found',
    'payment_not_completed',
    'refund_exceeds_paid',
    'idempotency_key_reused',
    'validation_failed',
  ],
});
