import { createHash } from 'node:crypto';
import { newId } from '@fruitables/core';
import { payments, type RefundReason, refunds } from '@fruitables/schema-payments';
import { and, eq, sql } from 'drizzle-orm';
import type { DomainContext, PaymentsDb } from './context.ts';
import { idempotencyKeyReused, paymentNotCompleted, paymentNotFound, refundExceedsPaid } from './errors.ts';
import { publishPaymentsEvent } from './events.ts';
import { refundEntry } from './ledger-entries.ts';
import { lockPayment, type RefundRow, reservedRefunds } from './payment-records.ts';
import { PgRefused } from './pg.ts';
import { postEntry } from './post-entry.ts';
import { REFUND_ACCOUNT_PROBLEM_CODES, type RefundReceiveAccount, refundAccountOf } from './refund-account.ts';

export interface RefundRequest {
  /** The caller's Idempotency-Key. */
  requestKey: string;
  orderId: string;
  fulfilmentId: string | null;
  amount: number;
  reason: RefundReason;
  description: string;
}

export interface RefundView {
  id: string;
  orderId: string;
  fulfilmentId: string | null;
  amount: number;
  status: 'completed' | 'pending';
  /** Completed and pending refunds of the order together, this one included. */
  refundedTotal: number;
  requestKey: string;
}

type RefundContext = Pick<DomainContext, 'db' | 'clock' | 'logger' | 'pg' | 'cipher'>;

const hashOf = (request: RefundRequest): string =>
  createHash('sha256')
    .update(
      JSON.stringify([request.orderId, request.fulfilmentId, request.amount, request.reason, request.description]),
    )
    .digest('hex');

/** The PG's idempotency key of a refund: its own id, so every retry of the cancel is the same cancel. */
export const cancelIdempotencyKey = (refundId: string): string => `refund-${refundId}`;

async function viewOf(db: PaymentsDb, refund: RefundRow): Promise<RefundView> {
  return {
    id: refund.id,
    orderId: refund.orderId,
    fulfilmentId: refund.fulfilmentId,
    amount: refund.amount,
    status: refund.status === 'completed' ? 'completed' : 'pending',
    refundedTotal: await reservedRefunds(db, refund.paymentId),
    requestKey: refund.requestKey,
  };
}

/**
 * Reserves the refund: under the payment's row lock, the amounts of completed and pending
 * refunds plus this one may not exceed what was paid. Two racing refunds queue on that lock, so
 * the second sees the first's reservation. A repeated key finds the refund it made.
 */
async function reserveRefund(
  ctx: RefundContext,
  request: RefundRequest,
): Promise<{ refund: RefundRow; paymentKey: string; method: string | null; created: boolean }> {
  const hash = hashOf(request);
  return ctx.db.transaction(async (tx) => {
    const payment = await lockPayment(tx, request.orderId);
    if (!payment) throw paymentNotFound();
    const [existing] = await tx.select().from(refunds).where(eq(refunds.requestKey, request.requestKey));
    if (existing) {
      if (existing.requestHash !== hash || existing.paymentId !== payment.id) throw idempotencyKeyReused();
      return { refund: existing, paymentKey: payment.paymentKey ?? '', method: payment.method, created: false };
    }
    if (payment.status !== 'paid' || payment.paymentKey === null) throw paymentNotCompleted();
    const reserved = await reservedRefunds(tx, payment.id);
    if (reserved + request.amount > payment.amount) throw refundExceedsPaid(payment.amount - reserved);
    const [refund] = await tx
      .insert(refunds)
      .values({
        id: newId(),
        paymentId: payment.id,
        orderId: request.orderId,
        fulfilmentId: request.fulfilmentId,
        amount: request.amount,
        reason: request.reason,
        description: request.description,
        requestKey: request.requestKey,
        requestHash: hash,
        createdAt: ctx.clock.now(),
      })
      .returning();
    if (!refund) throw new Error('refund insert returned nothing');
    return { refund, paymentKey: payment.paymentKey, method: payment.method, created: true };
  });
}

/** The PG returned the money: the refund completes, the payment's refunded total grows, orders hears RefundCompleted. */
async function completeRefund(ctx: RefundContext, refundId: string): Promise<RefundRow> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [refund] = await tx
      .update(refunds)
      .set({ status: 'completed', completedAt: now })
      .where(and(eq(refunds.id, refundId), eq(refunds.status, 'pending')))
      .returning();
    if (!refund) {
      const [settled] = await tx.select().from(refunds).where(eq(refunds.id, refundId));
      if (!settled) throw new Error(`refund ${refundId} vanished`);
      return settled;
    }
    const [payment] = await tx
      .update(payments)
      .set({ refundedTotal: sql`${payments.refundedTotal} + ${refund.amount}`, updatedAt: now })
      .where(eq(payments.id, refund.paymentId))
      .returning({ refundedTotal: payments.refundedTotal });
    await publishPaymentsEvent(tx, {
      type: 'RefundCompleted',
      aggregateId: refund.orderId,
      occurredAt: now,
      data: {
        orderId: refund.orderId,
        refundId: refund.id,
        requestKey: refund.requestKey,
        fulfilmentId: refund.fulfilmentId,
        amount: refund.amount,
        refundedTotal: payment?.refundedTotal ?? refund.amount,
        reason: refund.reason as RefundReason,
        refundedAt: now.toISOString(),
      },
    });
    await postEntry(tx, refundEntry({ refundId: refund.id, orderId: refund.orderId, amount: refund.amount }), now);
    return refund;
  });
}

/**
 * Sends a pending refund's cancel to the PG (with the refund's own idempotency key) and records
 * the outcome. A refusal fails the refund, which frees its reservation; no clear answer leaves
 * it pending for the caller's retry or the reconciler, which send the same cancel again. A
 * virtual-account payment's cancel carries the shopper's refund account; the PG refusing that
 * account leaves the refund pending (the money is still owed) until the shopper gives another.
 */
export async function sendRefund(
  ctx: RefundContext,
  refund: RefundRow,
  paymentKey: string,
  refundReceiveAccount?: RefundReceiveAccount,
): Promise<RefundRow> {
  try {
    await ctx.pg.cancel(
      paymentKey,
      {
        cancelReason: refund.description,
        cancelAmount: refund.amount,
        ...(refundReceiveAccount === undefined ? {} : { refundReceiveAccount }),
      },
      cancelIdempotencyKey(refund.id),
    );
  } catch (error) {
    if (error instanceof PgRefused && !REFUND_ACCOUNT_PROBLEM_CODES.has(error.pgCode)) {
      await ctx.db
        .update(refunds)
        .set({ status: 'failed', errorCode: error.pgCode, completedAt: ctx.clock.now() })
        .where(and(eq(refunds.id, refund.id), eq(refunds.status, 'pending')));
    }
    throw error;
  }
  return completeRefund(ctx, refund.id);
}

/**
 * Gives `amount` of an order's payment back (createRefund in the contract). A virtual-account
 * payment needs the shopper's refund account, which Toss requires for its cancel: without one
 * the refund stays `pending`, its amount reserved, until the shopper gives it
 * (`PUT /v1/orders/{orderId}/refund-account`), which sends it.
 */
export async function refundPayment(
  ctx: RefundContext,
  request: RefundRequest,
): Promise<{ refund: RefundView; created: boolean }> {
  const { refund, paymentKey, method, created } = await reserveRefund(ctx, request);
  if (refund.status === 'failed') {
    throw new PgRefused(422, refund.errorCode ?? 'REFUND_FAILED', '환불이 거절되었어요. The PG refused this refund.');
  }
  if (refund.status === 'completed') return { refund: await viewOf(ctx.db, refund), created };
  const account = method === '가상계좌' ? await refundAccountOf(ctx, request.orderId) : undefined;
  if (method === '가상계좌' && account === undefined) return { refund: await viewOf(ctx.db, refund), created };
  const sent = await sendRefund(ctx, refund, paymentKey, account);
  return { refund: await viewOf(ctx.db, sent), created };
}
