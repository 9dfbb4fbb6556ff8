import { randomBytes } from 'node:crypto';
import { isTossBankCode } from '../domain/banks.ts';
import { type TossError, tossErrors } from './toss-errors.ts';

/** What a test card on the payment page does at confirm. */
export type StandInOutcome = 'approve' | 'reject';
export type StandInMethod = '카드' | '가상계좌' | '간편결제';

export interface StandInPayment {
  paymentKey: string;
  orderId: string;
  orderName: string;
  customerKey: string;
  method: StandInMethod;
  outcome: StandInOutcome;
  status:
    | 'READY'
    | 'IN_PROGRESS'
    | 'WAITING_FOR_DEPOSIT'
    | 'DONE'
    | 'CANCELED'
    | 'PARTIAL_CANCELED'
    | 'ABORTED'
    | 'EXPIRED';
  totalAmount: number;
  balanceAmount: number;
  requestedAt: Date;
  approvedAt: Date | null;
  lastTransactionKey: string | null;
  secret: string | null;
  virtualAccount: { accountNumber: string; bankCode: string; customerName: string; dueDate: Date } | null;
  cancels: {
    transactionKey: string;
    cancelReason: string;
    cancelAmount: number;
    canceledAt: Date;
    refundableAmount: number;
  }[];
  failure: { code: string; message: string } | null;
}

const random = (bytes: number) => randomBytes(bytes).toString('base64url');
const transactionKey = () => randomBytes(16).toString('hex').toUpperCase();

/** `2026-12-08T08:15:00+09:00`: Toss writes its times in KST with the offset. */
export function kst(date: Date): string {
  const shifted = new Date(date.getTime() + 9 * 3_600_000);
  return `${shifted.toISOString().slice(0, 19)}+09:00`;
}

/** The stand-in's payments as Toss's Payment object. */
export function paymentObject(payment: StandInPayment): Record<string, unknown> {
  const vat = Math.round(payment.totalAmount / 11);
  return {
    mId: 'tosspayments',
    version: '2022-11-16',
    lastTransactionKey: payment.lastTransactionKey,
    paymentKey: payment.paymentKey,
    orderId: payment.orderId,
    orderName: payment.orderName,
    currency: 'KRW',
    method: payment.method,
    status: payment.status,
    requestedAt: kst(payment.requestedAt),
    approvedAt: payment.approvedAt ? kst(payment.approvedAt) : null,
    useEscrow: false,
    cultureExpense: false,
    card:
      payment.method === '카드' && payment.approvedAt
        ? {
            issuerCode: '4V',
            acquirerCode: '21',
            number: '43301234****123*',
            installmentPlanMonths: 0,
            isInterestFree: false,
            approveNo: '00000000',
            cardType: '신용',
            ownerType: '개인',
            acquireStatus: 'READY',
          }
        : null,
    virtualAccount: payment.virtualAccount
      ? {
          accountType: '일반',
          accountNumber: payment.virtualAccount.accountNumber,
          bankCode: payment.virtualAccount.bankCode,
          customerName: payment.virtualAccount.customerName,
          dueDate: kst(payment.virtualAccount.dueDate),
          refundStatus: 'NONE',
          expired: payment.status === 'EXPIRED',
          settlementStatus: payment.status === 'DONE' ? 'COMPLETED' : 'INCOMPLETED',
        }
      : null,
    easyPay:
      payment.method === '간편결제' ? { provider: '토스페이', amount: payment.totalAmount, discountAmount: 0 } : null,
    cancels:
      payment.cancels.length === 0
        ? null
        : payment.cancels.map((cancel) => ({
            transactionKey: cancel.transactionKey,
            cancelReason: cancel.cancelReason,
            cancelAmount: cancel.cancelAmount,
            canceledAt: kst(cancel.canceledAt),
            refundableAmount: cancel.refundableAmount,
            taxFreeAmount: 0,
            taxExemptionAmount: 0,
            easyPayDiscountAmount: 0,
            cancelStatus: 'DONE',
          })),
    secret: payment.secret,
    type: 'NORMAL',
    country: 'KR',
    failure: payment.failure,
    isPartialCancelable: true,
    totalAmount: payment.totalAmount,
    balanceAmount: payment.balanceAmount,
    suppliedAmount: payment.totalAmount - vat,
    vat,
    taxFreeAmount: 0,
    taxExemptionAmount: 0,
  };
}

type Result = { ok: true; payment: StandInPayment } | { ok: false; error: TossError };

/** The stand-in's settlement list, in the shape of Toss's `GET /v1/settlements`: approvals and cancels by sold date. */
export function settlementObjects(
  payments: StandInPayment[],
  startDate: string,
  endDate: string,
): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  const add = (payment: StandInPayment, transactionKey: string | null, amount: number, at: Date) => {
    const soldDate = kst(at).slice(0, 10);
    if (soldDate < startDate || soldDate > endDate) return;
    const fee = Math.round((Math.abs(amount) * 250) / 10_000) * Math.sign(amount);
    rows.push({
      mId: 'tosspayments',
      paymentKey: payment.paymentKey,
      transactionKey,
      orderId: payment.orderId,
      currency: 'KRW',
      method: payment.method,
      amount,
      interestFee: 0,
      fees: [{ type: 'BASE', fee }],
      supplyAmount: amount - Math.round(amount / 11),
      vat: Math.round(amount / 11),
      payOutAmount: amount - fee,
      approvedAt: payment.approvedAt ? kst(payment.approvedAt) : null,
      soldDate,
      paidOutDate: soldDate,
    });
  };
  for (const payment of payments) {
    if (payment.approvedAt) add(payment, payment.lastTransactionKey, payment.totalAmount, payment.approvedAt);
    for (const cancel of payment.cancels) add(payment, cancel.transactionKey, -cancel.cancelAmount, cancel.canceledAt);
  }
  return rows;
}

/**
 * The stand-in's books: payments by key, the rules of confirm and cancel with Toss's error
 * codes. Plain synchronous code, so two requests never interleave inside an operation.
 */
export function createStandInLedger(options: { virtualAccountValidHours: number }) {
  const payments = new Map<string, StandInPayment>();

  const byOrder = (orderId: string) => [...payments.values()].filter((payment) => payment.orderId === orderId);

  return {
    payments,
    all: () => [...payments.values()],
    byOrder,

    /** What the payment page does when the shopper picks a test card: a READY payment to confirm. */
    create(input: {
      orderId: string;
      orderName: string;
      amount: number;
      customerKey: string;
      method: StandInMethod;
      outcome: StandInOutcome;
    }): StandInPayment {
      const payment: StandInPayment = {
        paymentKey: `tviva${kst(new Date()).slice(0, 19).replaceAll(/\D/g, '')}${random(12)}`,
        orderId: input.orderId,
        orderName: input.orderName,
        customerKey: input.customerKey,
        method: input.method,
        outcome: input.outcome,
        status: 'READY',
        totalAmount: input.amount,
        balanceAmount: input.amount,
        requestedAt: new Date(),
        approvedAt: null,
        lastTransactionKey: null,
        secret: null,
        virtualAccount: null,
        cancels: [],
        failure: null,
      };
      payments.set(payment.paymentKey, payment);
      return payment;
    },

    confirm(input: { paymentKey: string; orderId: string; amount: number }): Result {
      const payment = payments.get(input.paymentKey);
      if (!payment) return { ok: false, error: tossErrors.notFoundPayment() };
      if (payment.orderId !== input.orderId)
        return { ok: false, error: tossErrors.invalidRequest('주문번호가 일치하지 않습니다.') };
      if (payment.totalAmount !== input.amount) {
        return { ok: false, error: tossErrors.invalidRequest('결제 금액이 일치하지 않습니다.') };
      }
      if (payment.status !== 'READY' && payment.status !== 'IN_PROGRESS')
        return { ok: false, error: tossErrors.alreadyProcessed() };
      const charged = byOrder(payment.orderId).some(
        (other) =>
          other !== payment && ['DONE', 'WAITING_FOR_DEPOSIT', 'PARTIAL_CANCELED', 'CANCELED'].includes(other.status),
      );
      if (charged) return { ok: false, error: tossErrors.duplicatedOrderId() };
      if (payment.outcome === 'reject') {
        const error = tossErrors.rejectCardCompany();
        payment.status = 'ABORTED';
        payment.failure = { code: error.code, message: error.message };
        return { ok: false, error };
      }
      payment.lastTransactionKey = transactionKey();
      if (payment.method === '가상계좌') {
        payment.status = 'WAITING_FOR_DEPOSIT';
        payment.secret = random(18);
        payment.virtualAccount = {
          accountNumber: `X${String(Math.floor(Math.random() * 1e13)).padStart(13, '0')}`,
          bankCode: '20',
          customerName: '홍길동',
          dueDate: new Date(Date.now() + options.virtualAccountValidHours * 3_600_000),
        };
        return { ok: true, payment };
      }
      payment.status = 'DONE';
      payment.approvedAt = new Date();
      return { ok: true, payment };
    },

    /** The shopper paid into the virtual account. */
    deposit(paymentKey: string): Result {
      const payment = payments.get(paymentKey);
      if (!payment) return { ok: false, error: tossErrors.notFoundPayment() };
      if (payment.status !== 'WAITING_FOR_DEPOSIT') return { ok: false, error: tossErrors.alreadyProcessed() };
      payment.status = 'DONE';
      payment.approvedAt = new Date();
      payment.lastTransactionKey = transactionKey();
      return { ok: true, payment };
    },

    /** The virtual account's due date passed unpaid. */
    expire(paymentKey: string): Result {
      const payment = payments.get(paymentKey);
      if (!payment) return { ok: false, error: tossErrors.notFoundPayment() };
      if (payment.status !== 'WAITING_FOR_DEPOSIT') return { ok: false, error: tossErrors.alreadyProcessed() };
      payment.status = 'EXPIRED';
      return { ok: true, payment };
    },

    cancel(
      paymentKey: string,
      request: {
        cancelReason: string;
        cancelAmount?: number;
        refundReceiveAccount?: { bank: string; accountNumber: string; holderName: string };
      },
    ): Result {
      const payment = payments.get(paymentKey);
      if (!payment) return { ok: false, error: tossErrors.notFoundPayment() };
      if (payment.status !== 'DONE' && payment.status !== 'PARTIAL_CANCELED') {
        return { ok: false, error: tossErrors.notCancelablePayment() };
      }
      const amount = request.cancelAmount ?? payment.balanceAmount;
      if (amount <= 0 || amount > payment.balanceAmount) return { ok: false, error: tossErrors.notCancelableAmount() };
      // Toss pays a deposited virtual account back only into an account the merchant names.
      if (payment.method === '가상계좌') {
        const account = request.refundReceiveAccount;
        if (account === undefined) return { ok: false, error: tossErrors.refundAccountRequired() };
        if (!isTossBankCode(account.bank)) return { ok: false, error: tossErrors.invalidBank() };
        if (!/^\d{8,20}$/.test(account.accountNumber) || account.holderName.trim() === '') {
          return { ok: false, error: tossErrors.invalidRefundAccountNumber() };
        }
      }
      payment.balanceAmount -= amount;
      payment.lastTransactionKey = transactionKey();
      payment.cancels.push({
        transactionKey: payment.lastTransactionKey,
        cancelReason: request.cancelReason,
        cancelAmount: amount,
        canceledAt: new Date(),
        refundableAmount: payment.balanceAmount,
      });
      payment.status = payment.balanceAmount === 0 ? 'CANCELED' : 'PARTIAL_CANCELED';
      return { ok: true, payment };
    },
  };
}

export type StandInLedger = ReturnType<typeof createStandInLedger>;
