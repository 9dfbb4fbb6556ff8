import { defineEvent } from '@fruitables/bus';
import { refundReasons } from '@fruitables/schema-payments/values';
import { z } from 'zod';

// What payments tells the platform: money in (a confirmed payment), money not in (a failed or
// expired one), money out (a refund), and farmers paid. Amounts are integer KRW; no card
// number, account number or PG secret in any payload.

const timestamp = z.iso.datetime({ offset: true });
const won = z.number().int().nonnegative();

export const paymentCompleted = defineEvent({
  type: 'PaymentCompleted',
  version: 1,
  description:
    "The PG approved the payment of an order for exactly the amount orders asked (a card or easy-pay confirm, or a virtual account's deposit). orders marks the order paid.",
  data: z.object({
    orderId: z.uuid(),
    paymentKey: z.string().min(1),
    amount: won,
    /** Toss's `method` (카드, 가상계좌, 간편결제 …). */
    method: z.string().min(1),
    approvedAt: timestamp,
  }),
});

export const paymentAwaitingDeposit = defineEvent({
  type: 'PaymentAwaitingDeposit',
  version: 1,
  description:
    'The shopper chose a virtual account (가상계좌): the PG issued it and waits for the deposit until `dueDate`. Published in the transaction that records WAITING_FOR_DEPOSIT. orders keeps the order, its stock hold and its delivery booking until the due date instead of expiring them at the payment window; PaymentCompleted (deposit) or PaymentFailed with `final` (due date passed) follows.',
  data: z.object({
    orderId: z.uuid(),
    paymentKey: z.string().min(1),
    amount: won,
    /** When the virtual account stops taking the deposit (Toss's `virtualAccount.dueDate`). */
    dueDate: timestamp,
    issuedAt: timestamp,
  }),
});

export const paymentFailed = defineEvent({
  type: 'PaymentFailed',
  version: 1,
  description:
    "The PG refused the payment for good (declined, or a virtual account's due date passed unpaid). orders cancels the order and releases its holds; a declined card may be retried while the order has not expired, so orders acts only on `final`.",
  data: z.object({
    orderId: z.uuid(),
    code: z.string().min(1),
    message: z.string(),
    /** True when the order can no longer be paid (virtual account expired); false for a declined attempt. */
    final: z.boolean(),
    failedAt: timestamp,
  }),
});

export const refundCompleted = defineEvent({
  type: 'RefundCompleted',
  version: 1,
  description:
    "The PG returned `amount` KRW of an order's payment to the shopper. `requestKey` is the Idempotency-Key orders refunded with, so orders matches it to the cancel, shortage or substitution that asked for it.",
  data: z.object({
    orderId: z.uuid(),
    refundId: z.uuid(),
    requestKey: z.string().min(1),
    fulfilmentId: z.uuid().nullable(),
    amount: won,
    refundedTotal: won,
    reason: z.enum(refundReasons),
    refundedAt: timestamp,
  }),
});

export const payoutPaid = defineEvent({
  type: 'PayoutPaid',
  version: 1,
  description: "A farm's weekly settlement was paid out to its bank account (amount net of commission and fees).",
  data: z.object({
    payoutId: z.uuid(),
    farmId: z.uuid(),
    amount: won,
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    paidAt: timestamp,
  }),
});

export const paymentsEvents = [
  paymentCompleted,
  paymentAwaitingDeposit,
  paymentFailed,
  refundCompleted,
  payoutPaid,
] as const;
