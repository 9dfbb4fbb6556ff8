import { newId } from '@fruitables/core';
import { confirmAttempts, payments, refunds } from '@fruitables/schema-payments';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { bankNameOf } from './banks.ts';
import type { PaymentsDb } from './context.ts';
import type { PayableOrder } from './orders-gateway.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type AttemptRow = typeof confirmAttempts.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

/** The order's payment row, made from what orders said the first time payments hears of the order. */
export async function ensurePayment(tx: PaymentsDb, order: PayableOrder): Promise<void> {
  await tx
    .insert(payments)
    .values({
      id: newId(),
      orderId: order.orderId,
      shopperId: order.shopperId,
      orderName: order.orderName,
      amount: order.amount,
    })
    .onConflictDoNothing({ target: payments.orderId });
}

/** The order's payment, row-locked until `tx` ends: every change to a payment goes through this lock. */
export async function lockPayment(tx: PaymentsDb, orderId: string): Promise<PaymentRow | undefined> {
  const [row] = await tx.select().from(payments).where(eq(payments.orderId, orderId)).for('update');
  return row;
}

export async function findPayment(db: PaymentsDb, orderId: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.orderId, orderId));
  return row;
}

/** Attempts of a payment whose outcome is not settled yet, oldest first. */
export function unsettledAttempts(tx: PaymentsDb, paymentId: string): Promise<AttemptRow[]> {
  return tx
    .select()
    .from(confirmAttempts)
    .where(and(eq(confirmAttempts.paymentId, paymentId), inArray(confirmAttempts.state, ['in_flight', 'unknown'])))
    .orderBy(asc(confirmAttempts.createdAt));
}

export function refundsOf(db: PaymentsDb, paymentId: string): Promise<RefundRow[]> {
  return db.select().from(refunds).where(eq(refunds.paymentId, paymentId)).orderBy(asc(refunds.createdAt));
}

/** What refunds hold of a payment: completed ones and pending ones (whose amount is reserved). */
export async function reservedRefunds(tx: PaymentsDb, paymentId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(${refunds.amount}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.paymentId, paymentId), inArray(refunds.status, ['pending', 'completed'])));
  return row?.total ?? 0;
}

export interface VirtualAccountView {
  bankName: string;
  bankCode: string;
  accountNumber: string;
  customerName: string;
  dueDate: string;
}

export const virtualAccountView = (payment: PaymentRow): VirtualAccountView | null =>
  payment.virtualAccount
    ? {
        bankName: bankNameOf(payment.virtualAccount.bankCode),
        bankCode: payment.virtualAccount.bankCode,
        accountNumber: payment.virtualAccount.accountNumber,
        customerName: payment.virtualAccount.customerName,
        dueDate: payment.virtualAccount.dueDate,
      }
    : null;

/** What a confirm answers: the PG's word for where the payment stands. */
export interface ConfirmResult {
  orderId: string;
  paymentKey: string;
  status: 'DONE' | 'WAITING_FOR_DEPOSIT';
  method: string;
  amount: number;
  approvedAt: Date | null;
  virtualAccount: VirtualAccountView | null;
}

export function confirmResultOf(payment: PaymentRow): ConfirmResult | undefined {
  if (payment.paymentKey === null) return undefined;
  if (payment.status !== 'paid' && payment.status !== 'waiting_for_deposit') return undefined;
  return {
    orderId: payment.orderId,
    paymentKey: payment.paymentKey,
    status: payment.status === 'paid' ? 'DONE' : 'WAITING_FOR_DEPOSIT',
    method: payment.method ?? '카드',
    amount: payment.amount,
    approvedAt: payment.approvedAt,
    virtualAccount: virtualAccountView(payment),
  };
}
