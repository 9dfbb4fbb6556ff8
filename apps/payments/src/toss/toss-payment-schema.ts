import { z } from 'zod';
import { type PgPayment, pgPaymentStatuses } from '../domain/pg.ts';

/**
 * Toss's Payment object, as much of it as payments reads. Loose on purpose: Toss adds fields
 * (and versions) without notice, and an unknown field must not turn an approved payment into
 * an "unreadable answer".
 */
export const tossPaymentSchema = z.looseObject({
  paymentKey: z.string().min(1),
  orderId: z.string().min(1),
  status: z.enum(pgPaymentStatuses),
  method: z.string().nullish(),
  totalAmount: z.number().int(),
  balanceAmount: z.number().int(),
  approvedAt: z.string().nullish(),
  secret: z.string().nullish(),
  virtualAccount: z
    .looseObject({
      accountNumber: z.string(),
      bankCode: z.string(),
      customerName: z.string().nullish(),
      dueDate: z.string(),
    })
    .nullish(),
  cancels: z
    .array(
      z.looseObject({
        transactionKey: z.string(),
        cancelAmount: z.number().int(),
        canceledAt: z.string(),
      }),
    )
    .nullish(),
});

/** Toss's settlement list (`GET /v1/settlements`): one object per settled transaction. */
export const tossSettlementsSchema = z.array(
  z.looseObject({
    paymentKey: z.string().min(1),
    orderId: z.string().min(1),
    amount: z.number().int(),
    soldDate: z.iso.date(),
  }),
);

/** The payout API's answer: the transfer went through (a refusal is an error body). */
export const tossPayoutSchema = z.looseObject({ payoutKey: z.string().min(1), status: z.literal('COMPLETED') });

/** Toss's error body: `{ code, message }`. */
export const tossErrorSchema = z.looseObject({ code: z.string().min(1), message: z.string() });

export function toPgPayment(payment: z.infer<typeof tossPaymentSchema>): PgPayment {
  return {
    paymentKey: payment.paymentKey,
    orderId: payment.orderId,
    status: payment.status,
    method: payment.method ?? null,
    totalAmount: payment.totalAmount,
    balanceAmount: payment.balanceAmount,
    approvedAt: payment.approvedAt ?? null,
    secret: payment.secret ?? null,
    virtualAccount: payment.virtualAccount
      ? {
          accountNumber: payment.virtualAccount.accountNumber,
          bankCode: payment.virtualAccount.bankCode,
          customerName: payment.virtualAccount.customerName ?? '',
          dueDate: payment.virtualAccount.dueDate,
        }
      : null,
    cancels: (payment.cancels ?? []).map((cancel) => ({
      transactionKey: cancel.transactionKey,
      cancelAmount: cancel.cancelAmount,
      canceledAt: cancel.canceledAt,
    })),
  };
}
