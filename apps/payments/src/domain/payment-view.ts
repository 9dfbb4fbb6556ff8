import type { DomainContext } from './context.ts';
import { paymentNotFound } from './errors.ts';
import {
  findPayment,
  type RefundRow,
  refundsOf,
  type VirtualAccountView,
  virtualAccountView,
} from './payment-records.ts';
import { type RefundAccountView, refundAccountView } from './refund-account.ts';

export interface PaymentView {
  orderId: string;
  paymentKey: string | null;
  status: 'awaiting' | 'waiting_for_deposit' | 'paid' | 'expired' | 'cancelled';
  method: string | null;
  amount: number;
  refundedTotal: number;
  approvedAt: Date | null;
  virtualAccount: VirtualAccountView | null;
  refunds: Pick<
    RefundRow,
    'id' | 'amount' | 'reason' | 'description' | 'fulfilmentId' | 'status' | 'createdAt' | 'completedAt'
  >[];
  refundAccount: RefundAccountView | null;
  refundAccountNeeded: boolean;
}

/** The shopper's view of an order's payment with its refunds. Another shopper's answers exactly like none. */
export async function getPaymentOfOrder(
  ctx: Pick<DomainContext, 'db'>,
  request: { shopperId: string; orderId: string },
): Promise<PaymentView> {
  const payment = await findPayment(ctx.db, request.orderId);
  if (!payment || payment.shopperId !== request.shopperId) throw paymentNotFound();
  const refunds = await refundsOf(ctx.db, payment.id);
  const refundAccount = payment.method === '가상계좌' ? await refundAccountView(ctx.db, payment.orderId) : null;
  return {
    orderId: payment.orderId,
    paymentKey: payment.paymentKey,
    status: payment.status,
    method: payment.method,
    amount: payment.amount,
    refundedTotal: payment.refundedTotal,
    approvedAt: payment.approvedAt,
    virtualAccount: virtualAccountView(payment),
    refunds,
    refundAccount,
    refundAccountNeeded:
      payment.method === '가상계좌' && refundAccount === null && refunds.some((refund) => refund.status === 'pending'),
  };
}
