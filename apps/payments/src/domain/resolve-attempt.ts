import { confirmAttempts } from '@fruitables/schema-payments';
import { and, eq, inArray } from 'drizzle-orm';
import { applyPgPayment } from './apply-pg-payment.ts';
import type { DomainContext, PaymentsDb } from './context.ts';
import { type AttemptRow, lockPayment, type PaymentRow } from './payment-records.ts';
import { PG_NOT_FOUND_CODES, type PgPayment, PgRefused } from './pg.ts';

type ResolveContext = Pick<DomainContext, 'db' | 'clock' | 'logger' | 'pg' | 'reconcile' | 'ledger' | 'checkpoint'>;

const APPROVED_OR_WAITING = new Set(['DONE', 'PARTIAL_CANCELED', 'CANCELED', 'WAITING_FOR_DEPOSIT']);

/** Settles an attempt that is still open; a settled one is left as it is (the first settlement wins). */
export async function settleAttempt(
  tx: PaymentsDb,
  attemptId: string,
  now: Date,
  outcome: { state: 'succeeded' | 'failed' | 'unknown'; errorCode?: string; errorMessage?: string },
): Promise<void> {
  await tx
    .update(confirmAttempts)
    .set({
      state: outcome.state,
      errorCode: outcome.errorCode ?? null,
      errorMessage: outcome.errorMessage ?? null,
      settledAt: outcome.state === 'unknown' ? null : now,
    })
    .where(and(eq(confirmAttempts.id, attemptId), inArray(confirmAttempts.state, ['in_flight', 'unknown'])));
}

/** What the PG knows of the order: its payment, or undefined when it has none at all. */
export async function lookUpOrder(ctx: Pick<DomainContext, 'pg'>, orderId: string): Promise<PgPayment | undefined> {
  try {
    return await ctx.pg.getByOrderId(orderId);
  } catch (error) {
    if (error instanceof PgRefused && PG_NOT_FOUND_CODES.has(error.pgCode)) return undefined;
    throw error;
  }
}

/**
 * Applies the PG's record of the order to our payment and settles the attempt by it, in one
 * transaction. The PG is the truth: an approved payment makes the order paid (and announces it)
 * whichever attempt or webhook brought the news. An attempt the PG shows no approval for is
 * failed only once it is older than `abandonAfterMs` (the PG may still be working on it);
 * until then it is `unknown` and the reconciler asks again.
 */
export async function applyLookup(
  ctx: ResolveContext,
  attempt: Pick<AttemptRow, 'id' | 'orderId' | 'paymentKey' | 'createdAt'>,
  pg: PgPayment | undefined,
): Promise<PaymentRow | undefined> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    let payment = await lockPayment(tx, attempt.orderId);
    if (!payment) return undefined;
    if (pg) payment = await applyPgPayment(tx, { logger: ctx.logger, now, ledger: ctx.ledger }, payment, pg);
    const ours = pg?.paymentKey === attempt.paymentKey;
    if (ours && pg && APPROVED_OR_WAITING.has(pg.status)) {
      await settleAttempt(tx, attempt.id, now, { state: 'succeeded' });
    } else if (ours && pg && (pg.status === 'ABORTED' || pg.status === 'EXPIRED')) {
      await settleAttempt(tx, attempt.id, now, { state: 'failed', errorCode: `PG_${pg.status}` });
    } else if (payment.status === 'paid' || payment.status === 'waiting_for_deposit') {
      // Another paymentKey settled the order: this attempt did not charge anything.
      await settleAttempt(tx, attempt.id, now, { state: 'failed', errorCode: 'SETTLED_BY_ANOTHER_PAYMENT' });
    } else if (now.getTime() - attempt.createdAt.getTime() >= ctx.reconcile.abandonAfterMs) {
      await settleAttempt(tx, attempt.id, now, { state: 'failed', errorCode: 'NOT_APPROVED_BY_PG' });
    } else {
      await settleAttempt(tx, attempt.id, now, { state: 'unknown' });
    }
    ctx.checkpoint?.('lookup:before-commit');
    return payment;
  });
  ctx.checkpoint?.('lookup:after-commit');
  return result;
}

/**
 * Resolves an attempt whose confirm gave no clear answer (timeout, 5xx, a crash, or the PG's
 * "already processed") by asking the PG what became of the order. When the PG cannot be asked
 * either, the attempt is marked `unknown` for the reconciler.
 */
export async function resolveAttempt(
  ctx: ResolveContext,
  attempt: Pick<AttemptRow, 'id' | 'orderId' | 'paymentKey' | 'createdAt'>,
): Promise<PaymentRow | undefined> {
  let pg: PgPayment | undefined;
  ctx.checkpoint?.('lookup:before-call');
  try {
    pg = await lookUpOrder(ctx, attempt.orderId);
  } catch (error) {
    ctx.checkpoint?.('lookup:after-call');
    ctx.logger.warn({ err: error, orderId: attempt.orderId }, 'PG lookup failed; confirm left unknown');
    await ctx.db.transaction(async (tx) => {
      await settleAttempt(tx, attempt.id, ctx.clock.now(), { state: 'unknown' });
      ctx.checkpoint?.('unknown:before-commit');
    });
    ctx.checkpoint?.('unknown:after-commit');
    return undefined;
  }
  ctx.checkpoint?.('lookup:after-call');
  return applyLookup(ctx, attempt, pg);
}
