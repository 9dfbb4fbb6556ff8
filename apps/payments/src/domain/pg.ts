import { DomainError } from '@fruitables/core';

/**
 * The PG (payment gateway) as the domain sees it: Toss Payments' operations, in Toss's own
 * words. One implementation (`src/toss/toss-gateway.ts`) talks to the real Toss or to the
 * stand-in, chosen only by its URL and keys; the domain never knows which.
 */

export const pgPaymentStatuses = [
  'READY',
  'IN_PROGRESS',
  'WAITING_FOR_DEPOSIT',
  'DONE',
  'CANCELED',
  'PARTIAL_CANCELED',
  'ABORTED',
  'EXPIRED',
] as const;
export type PgPaymentStatus = (typeof pgPaymentStatuses)[number];

/** The part of Toss's Payment object payments acts on. */
export interface PgPayment {
  paymentKey: string;
  orderId: string;
  status: PgPaymentStatus;
  method: string | null;
  totalAmount: number;
  balanceAmount: number;
  approvedAt: string | null;
  virtualAccount: { accountNumber: string; bankCode: string; customerName: string; dueDate: string } | null;
  /** A virtual account's secret, which DEPOSIT_CALLBACK carries back. */
  secret: string | null;
  cancels: { transactionKey: string; cancelAmount: number; canceledAt: string }[];
}

export interface CancelRequest {
  cancelReason: string;
  cancelAmount: number;
  refundReceiveAccount?: { bank: string; accountNumber: string; holderName: string };
}

/** One line of the PG's settlement list: an approval (positive) or a cancel (negative) it settled. */
export interface PgSettlement {
  paymentKey: string;
  orderId: string;
  /** Integer KRW; negative for a cancel. */
  amount: number;
  /** The Seoul date of the transaction (`soldDate`). */
  soldDate: string;
}

/** A transfer to a farm's bank account through the PG's payout API (the stand-in's `POST /v1/payouts`). */
export interface PgPayoutRequest {
  bankCode: string;
  accountNumber: string;
  holderName: string;
  /** Integer KRW. */
  amount: number;
  /** What the farm's bank statement shows. */
  memo: string;
}

export interface PaymentGateway {
  /** `POST /v1/payments/confirm`; the key makes a retry the same confirm at the PG. */
  confirm(input: { paymentKey: string; orderId: string; amount: number }, idempotencyKey: string): Promise<PgPayment>;
  /** `GET /v1/payments/{paymentKey}`. */
  getByPaymentKey(paymentKey: string): Promise<PgPayment>;
  /** `GET /v1/payments/orders/{orderId}`: what became of an order whatever we lost on the way. */
  getByOrderId(orderId: string): Promise<PgPayment>;
  /** `POST /v1/payments/{paymentKey}/cancel`, full or partial. */
  cancel(paymentKey: string, request: CancelRequest, idempotencyKey: string): Promise<PgPayment>;
  /** `GET /v1/settlements?startDate&endDate`: what the PG settled, per transaction (Seoul dates, inclusive). */
  settlements(startDate: string, endDate: string): Promise<PgSettlement[]>;
  /** `POST /v1/payouts`: the money leaves for the farm's account; the key makes a retry the same transfer. */
  payout(request: PgPayoutRequest, idempotencyKey: string): Promise<{ payoutKey: string; status: 'COMPLETED' }>;
}

/**
 * The PG answered and said no, for good (a 4xx with Toss's error code): a declined card, an
 * unknown payment, an amount that cannot be cancelled. `code` is Toss's; `message` its Korean text.
 */
export class PgRefused extends DomainError {
  constructor(
    readonly status: number,
    readonly pgCode: string,
    readonly pgMessage: string,
  ) {
    super('unprocessable', pgCode, pgMessage);
  }
}

/**
 * The PG did not give an answer we can rely on (timeout, 5xx, reset, a body we cannot read):
 * what it did is unknown until we ask it again.
 */
export class PgUncertain extends DomainError {
  constructor(
    readonly reason: string,
    options: { cause?: unknown } = {},
  ) {
    super(
      'unavailable',
      'payment_pending',
      '결제 확인이 늦어지고 있어요. 잠시 후 주문 내역에서 결제 상태를 확인해 주세요. The payment gateway did not answer in time.',
      options,
    );
  }
}

/** Toss's codes for "no such payment", after which nothing was charged. */
export const PG_NOT_FOUND_CODES = new Set(['NOT_FOUND_PAYMENT', 'NOT_FOUND_PAYMENT_SESSION', 'NOT_FOUND']);
