import { defineOperation } from '@fruitables/kit/contract';
import { z } from '@hono/zod-openapi';
import { ORDER_ID, ORDER_NUMBER, SHOPPER_ID } from './examples.ts';
import { orderStatuses } from './values.ts';

/*
 * What payments asks orders before it confirms a payment: the amount the order is for, and
 * whose it is. payments never trusts the amount the browser sends back from the PG's page.
 */

export const ORDERS_AUDIENCE = 'orders';
export const PAYMENTS_SCOPE = 'orders:payments';

export const ordersServiceScopes = {
  [PAYMENTS_SCOPE]: "Read an order's payable amount and owner before confirming its payment (payments).",
};

export const payableOrderSchema = z
  .object({
    orderId: z.uuid().openapi({ example: ORDER_ID }),
    orderNumber: z.string().openapi({ example: ORDER_NUMBER }),
    shopperId: z.uuid().openapi({ example: SHOPPER_ID }),
    /** What the shopper must pay, integer KRW: goods plus delivery fees, computed by orders. */
    amount: z.number().int().nonnegative().openapi({ example: 38_000 }),
    /** Toss's `orderName`: the first product and how many more ("성주 참외 2kg 외 2건"). */
    orderName: z.string().openapi({ example: '성주 꿀참외 2kg 외 2건' }),
    status: z.enum(orderStatuses).openapi({ example: 'awaiting_payment' }),
    /** After this the order is cancelled and a confirm must be refused. */
    expiresAt: z.iso.datetime().openapi({ example: '2026-12-07T12:15:00.000Z' }),
  })
  .openapi('PayableOrder');

export type PayableOrder = z.infer<typeof payableOrderSchema>;

export const getPayableOrder = defineOperation({
  method: 'GET',
  path: '/internal/v1/orders/{orderId}/payable',
  params: z.object({ orderId: z.uuid() }),
  response: payableOrderSchema,
  idempotent: true,
  scope: PAYMENTS_SCOPE,
  problemCodes: ['order_not_found', 'validation_failed'],
});
