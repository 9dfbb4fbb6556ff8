import { payments } from '@fruitables/schema-payments';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { PaymentsDb } from './context.ts';
import { publishPaymentsEvent } from './events.ts';
import { type LedgerPolicy, paymentEntries } from './ledger-entries.ts';
import type { PaymentRow } from './payment-records.ts';
import type { PgPayment } from './pg.ts';
import { postEntry } from './post-entry.ts';

/** The PG statuses of a payment it approved (later cancels included: the money did come in first). */
const APPROVED = new Set(['DONE', 'PARTIAL_CANCELED', 'CANCELED']);

/**
 * Brings our record of a payment (locked by the caller in `tx`) in line with what the PG says,
 * and announces what changed in the same transaction: PaymentCompleted when it became paid,
 * PaymentAwaitingDeposit when a virtual account was issued, PaymentFailed (final) when a virtual account expired unpaid. Safe to call any number of
 * times, in any order, from the confirm, a webhook or the reconciler: a payment becomes paid
 * once, so the event is written once. The PG's record is trusted only for the order and amount
 * we asked for; anything else is logged and left alone.
 */
export async function applyPgPayment(
  tx: PaymentsDb,
  ctx: { logger: Logger; now: Date; ledger: LedgerPolicy },
  payment: PaymentRow,
  pg: PgPayment,
): Promise<PaymentRow> {
  if (pg.orderId !== payment.orderId || pg.totalAmount !== payment.amount) {
    ctx.logger.error(
      { orderId: payment.orderId, pgOrderId: pg.orderId, amount: payment.amount, pgAmount: pg.totalAmount },
      'PG payment does not match the order; left alone',
    );
    return payment;
  }
  const settledElsewhere = payment.paymentKey !== null && payment.paymentKey !== pg.paymentKey;
  if (APPROVED.has(pg.status)) {
    if (payment.status === 'paid') {
      if (settledElsewhere) {
        ctx.logger.error(
          { orderId: payment.orderId, paymentKey: pg.paymentKey },
          'second approved PG payment for one order',
        );
      }
      return payment;
    }
    const approvedAt = pg.approvedAt ? new Date(pg.approvedAt) : ctx.now;
    const [updated] = await tx
      .update(payments)
      .set({
        status: 'paid',
        paymentKey: pg.paymentKey,
        method: pg.method ?? payment.method,
        approvedAt,
        updatedAt: ctx.now,
      })
      .where(eq(payments.id, payment.id))
      .returning();
    await publishPaymentsEvent(tx, {
      type: 'PaymentCompleted',
      aggregateId: payment.orderId,
      occurredAt: ctx.now,
      data: {
        orderId: payment.orderId,
        paymentKey: pg.paymentKey,
        amount: payment.amount,
        method: pg.method ?? '카드',
        approvedAt: approvedAt.toISOString(),
      },
    });
    for (const entry of paymentEntries(ctx.ledger, {
      orderId: payment.orderId,
      paymentKey: pg.paymentKey,
      amount: payment.amount,
    })) {
      await postEntry(tx, entry, ctx.now);
    }
    return updated ?? payment;
  }
  if (pg.status === 'WAITING_FOR_DEPOSIT' && payment.status === 'awaiting' && pg.virtualAccount) {
    const [updated] = await tx
      .update(payments)
      .set({
        status: 'waiting_for_deposit',
        paymentKey: pg.paymentKey,
        method: pg.method ?? '가상계좌',
        virtualAccount: pg.virtualAccount,
        depositSecret: pg.secret,
        updatedAt: ctx.now,
      })
      .where(eq(payments.id, payment.id))
      .returning();
    // orders keeps the order (and its stock and delivery date) until the due date on this.
    await publishPaymentsEvent(tx, {
      type: 'PaymentAwaitingDeposit',
      aggregateId: payment.orderId,
      occurredAt: ctx.now,
      data: {
        orderId: payment.orderId,
        paymentKey: pg.paymentKey,
        amount: payment.amount,
        dueDate: new Date(pg.virtualAccount.dueDate).toISOString(),
        issuedAt: ctx.now.toISOString(),
      },
    });
    return updated ?? payment;
  }
  if (pg.status === 'EXPIRED' && payment.status === 'waiting_for_deposit' && !settledElsewhere) {
    const [updated] = await tx
      .update(payments)
      .set({ status: 'expired', updatedAt: ctx.now })
      .where(eq(payments.id, payment.id))
      .returning();
    await publishPaymentsEvent(tx, {
      type: 'PaymentFailed',
      aggregateId: payment.orderId,
      occurredAt: ctx.now,
      data: {
        orderId: payment.orderId,
        code: 'VIRTUAL_ACCOUNT_EXPIRED',
        message: '입금 기한이 지나 가상계좌가 만료되었어요.',
        final: true,
        failedAt: ctx.now.toISOString(),
      },
    });
    return updated ?? payment;
  }
  return payment;
}
