import { Conflict } from '@fruitables/core';
import { refundAccounts } from '@fruitables/schema-payments';
import { eq } from 'drizzle-orm';
import { bankNameOf } from './banks.ts';
import type { DomainContext, PaymentsDb } from './context.ts';
import { paymentNotFound } from './errors.ts';
import { findPayment, type RefundRow, refundsOf } from './payment-records.ts';
import type { CancelRequest } from './pg.ts';

export type RefundReceiveAccount = NonNullable<CancelRequest['refundReceiveAccount']>;

export interface RefundAccountView {
  bank: string;
  bankName: string;
  accountLast4: string;
  holderName: string;
}

/** The associated data of a sealed account number: a sealed value copied to another order fails to open. */
const sealContext = (orderId: string) => `refund_accounts.account_number:${orderId}`;

/** Toss's codes for a refund account it will not pay into: the shopper must give another, the refund waits. */
export const REFUND_ACCOUNT_PROBLEM_CODES = new Set([
  'INVALID_REFUND_ACCOUNT_INFO',
  'INVALID_REFUND_ACCOUNT_NUMBER',
  'INVALID_BANK',
  'REFUND_ACCOUNT_REQUIRED',
]);

const refundAccountNotNeeded = () =>
  new Conflict(
    '가상계좌로 결제한 주문만 환불 계좌가 필요해요. Only a virtual-account payment needs a refund account.',
    'refund_account_not_needed',
  );

/** The account an order's refunds go to, opened, as Toss's cancel takes it; undefined while the shopper has not given one. */
export async function refundAccountOf(
  ctx: Pick<DomainContext, 'db' | 'cipher'>,
  orderId: string,
): Promise<RefundReceiveAccount | undefined> {
  const [row] = await ctx.db.select().from(refundAccounts).where(eq(refundAccounts.orderId, orderId));
  if (!row) return undefined;
  return {
    bank: row.bankCode,
    accountNumber: ctx.cipher.open(row.accountNumberSealed, sealContext(orderId)),
    holderName: row.holderName,
  };
}

export async function refundAccountView(db: PaymentsDb, orderId: string): Promise<RefundAccountView | null> {
  const [row] = await db.select().from(refundAccounts).where(eq(refundAccounts.orderId, orderId));
  if (!row) return null;
  return {
    bank: row.bankCode,
    bankName: bankNameOf(row.bankCode),
    accountLast4: row.accountLast4,
    holderName: row.holderName,
  };
}

/**
 * The order's shopper gives (or corrects) the account a virtual-account payment's refunds go
 * to. Only the payment's own shopper may; another's order answers like none. Stored sealed;
 * returns the refunds still waiting for it, which the caller sends to the PG now.
 */
export async function saveRefundAccount(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'cipher'>,
  request: { shopperId: string; orderId: string } & RefundReceiveAccount,
): Promise<{ paymentKey: string; waiting: RefundRow[] }> {
  const payment = await findPayment(ctx.db, request.orderId);
  if (!payment || payment.shopperId !== request.shopperId) throw paymentNotFound();
  if (payment.method !== '가상계좌' || payment.paymentKey === null) throw refundAccountNotNeeded();
  const now = ctx.clock.now();
  const account = {
    bankCode: request.bank,
    accountNumberSealed: ctx.cipher.seal(request.accountNumber, sealContext(request.orderId)),
    accountLast4: request.accountNumber.slice(-4),
    holderName: request.holderName,
    updatedAt: now,
  };
  await ctx.db
    .insert(refundAccounts)
    .values({ orderId: request.orderId, paymentId: payment.id, createdAt: now, ...account })
    .onConflictDoUpdate({ target: refundAccounts.orderId, set: account });
  const waiting = (await refundsOf(ctx.db, payment.id)).filter((refund) => refund.status === 'pending');
  return { paymentKey: payment.paymentKey, waiting };
}
