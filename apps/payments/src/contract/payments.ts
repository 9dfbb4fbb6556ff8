import { z } from '@hono/zod-openapi';
import { PAYMENT_KEY, REFUND_ID } from './examples.ts';
import { paymentStatuses, refundReasons, refundStatuses } from './values.ts';

/*
 * payments' public API shapes (what the storefront sends and reads under /api/payments/v1).
 * Routes declare these as their request and response schemas, so the contract cannot drift.
 */

const ORDER_ID = '0196f0c2-7b3a-7c1e-8f00-000000000100';
const won = z.number().int();
const returnUrl = z
  .url({ protocol: /^https?$/, error: 'http(s) 주소여야 해요. Must be an http(s) URL.' })
  .max(2000)
  .openapi({ example: 'https://fruitables.kr/checkout/success' });

export const checkoutSessionBody = z
  .object({
    orderId: z.uuid().openapi({ example: ORDER_ID }),
    successUrl: returnUrl,
    failUrl: returnUrl.openapi({ example: 'https://fruitables.kr/checkout/fail' }),
  })
  .strict()
  .openapi('CheckoutSessionRequest');

export const checkoutSessionSchema = z
  .object({
    orderId: z.uuid().openapi({ example: ORDER_ID }),
    orderName: z.string().openapi({ example: '성주 꿀참외 2kg 외 2건' }),
    amount: won.openapi({ example: 38_000 }),
    customerKey: z.string().openapi({ example: '0196f0c2-7b3a-7c1e-8f00-000000000001' }),
    provider: z.enum(['toss', 'stand-in']).openapi({ example: 'stand-in' }),
    clientKey: z.string().openapi({ example: 'test_ck_fruitables_stand_in_local' }),
    /** The stand-in's payment page (it redirects to successUrl/failUrl like Toss); null for real Toss, whose widget v2 renders in the shop. */
    paymentPageUrl: z.url().nullable(),
  })
  .openapi('CheckoutSession');

export const confirmBody = z
  .object({
    paymentKey: z.string().trim().min(1).max(200).openapi({ example: PAYMENT_KEY }),
    orderId: z.uuid().openapi({ example: ORDER_ID }),
    amount: won.positive().max(100_000_000).openapi({ example: 38_000 }),
  })
  .strict()
  .openapi('ConfirmRequest');

export const virtualAccountSchema = z
  .object({
    bankName: z.string().openapi({ example: '우리은행' }),
    bankCode: z.string().openapi({ example: '20' }),
    accountNumber: z.string().openapi({ example: 'X6516630316311' }),
    customerName: z.string().openapi({ example: '홍길동' }),
    /** Toss's due date, with its +09:00 offset. */
    dueDate: z.string().openapi({ example: '2026-12-08T23:59:59+09:00' }),
  })
  .openapi('VirtualAccount');

export const confirmResultSchema = z
  .object({
    orderId: z.uuid().openapi({ example: ORDER_ID }),
    paymentKey: z.string().openapi({ example: PAYMENT_KEY }),
    status: z.enum(['DONE', 'WAITING_FOR_DEPOSIT']).openapi({ example: 'DONE' }),
    method: z.string().openapi({ example: '카드' }),
    amount: won.openapi({ example: 38_000 }),
    approvedAt: z.iso.datetime().nullable(),
    virtualAccount: virtualAccountSchema.nullable(),
  })
  .openapi('ConfirmResult');

export const paymentRefundSchema = z
  .object({
    id: z.uuid().openapi({ example: REFUND_ID }),
    amount: won.openapi({ example: 12_000 }),
    reason: z.enum(refundReasons),
    description: z.string().openapi({ example: '부족분 환불 (성주 꿀참외 1박스)' }),
    fulfilmentId: z.uuid().nullable(),
    status: z.enum(refundStatuses),
    at: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
  })
  .openapi('PaymentRefund');

export const refundAccountBody = z
  .object({
    bank: z
      .string()
      .regex(/^\d{2}$/, '은행 코드는 두 자리 숫자예요. A two-digit Toss bank code.')
      .openapi({ example: '88', description: "Toss's two-digit bank code (88 신한은행, 04 KB국민은행…)" }),
    accountNumber: z
      .string()
      .regex(/^\d{8,20}$/, "계좌번호는 '-' 없이 숫자 8~20자리로 적어 주세요. Digits only, 8 to 20.")
      .openapi({ example: '110123456789' }),
    holderName: z
      .string()
      .trim()
      .min(1, '예금주를 적어 주세요. The account holder is required.')
      .max(60, '예금주는 60자까지예요. At most 60 characters.')
      .openapi({ example: '홍길동' }),
  })
  .strict()
  .openapi('RefundAccountRequest');

/** The refund account as the shopper sees it again: the number only by its last four digits. */
export const refundAccountSchema = z
  .object({
    bank: z.string().openapi({ example: '88' }),
    bankName: z.string().openapi({ example: '신한은행' }),
    accountLast4: z.string().openapi({ example: '6789' }),
    holderName: z.string().openapi({ example: '홍길동' }),
  })
  .openapi('RefundAccount');

export const paymentSchema = z
  .object({
    orderId: z.uuid().openapi({ example: ORDER_ID }),
    paymentKey: z.string().nullable().openapi({ example: PAYMENT_KEY }),
    status: z.enum(paymentStatuses).openapi({ example: 'paid' }),
    method: z.string().nullable().openapi({ example: '카드' }),
    amount: won.openapi({ example: 38_000 }),
    refundedTotal: won.openapi({ example: 12_000 }),
    approvedAt: z.iso.datetime().nullable(),
    virtualAccount: virtualAccountSchema.nullable(),
    refunds: z.array(paymentRefundSchema),
    /** A virtual-account payment's refund account, once the shopper gave it. */
    refundAccount: refundAccountSchema.nullable(),
    /** True while a refund waits for the shopper's refund account (the shop asks for it). */
    refundAccountNeeded: z.boolean(),
  })
  .openapi('Payment');

export type CheckoutSessionResponse = z.infer<typeof checkoutSessionSchema>;
export type ConfirmResultResponse = z.infer<typeof confirmResultSchema>;
export type PaymentResponse = z.infer<typeof paymentSchema>;
