import { newId } from '@fruitables/core';
import { confirmAttempts } from '@fruitables/schema-payments';
import { eq } from 'drizzle-orm';
import { applyPgPayment } from './apply-pg-payment.ts';
import type { DomainContext } from './context.ts';
import {
  alreadyPaid,
  amountMismatch,
  confirmInProgress,
  orderExpired,
  orderNotAwaitingPayment,
  orderNotFound,
} from './errors.ts';
import { publishPaymentsEvent } from './events.ts';
import type { PayableOrder } from './orders-gateway.ts';
import {
  type AttemptRow,
  type ConfirmResult,
  confirmResultOf,
  ensurePayment,
  findPayment,
  lockPayment,
  type PaymentRow,
  unsettledAttempts,
} from './payment-records.ts';
import { PgRefused, PgUncertain } from './pg.ts';
import { resolveAttempt, settleAttempt } from './resolve-attempt.ts';

export interface ConfirmRequest {
  /** The signed-in shopper: only the order's owner may confirm it. */
  shopperId: string;
  paymentKey: string;
  orderId: string;
  amount: number;
}

type ConfirmContext = Pick<
  DomainContext,
  'db' | 'clock' | 'logger' | 'pg' | 'orders' | 'reconcile' | 'ledger' | 'checkpoint'
>;

/** The same order and paymentKey are the same confirm at the PG, on every retry and after every crash. */
export const confirmIdempotencyKey = (orderId: string, paymentKey: string): string =>
  `confirm-${orderId}-${paymentKey}`;

/** A payment already settled by us answers a repeated confirm of the same paymentKey again. */
function alreadySettled(payment: PaymentRow | undefined, paymentKey: string): ConfirmResult | undefined {
  if (!payment) return undefined;
  const result = confirmResultOf(payment);
  if (!result) return undefined;
  if (result.paymentKey !== paymentKey) throw alreadyPaid();
  return result;
}

function checkPayable(order: PayableOrder, request: ConfirmRequest, now: Date): void {
  if (order.amount !== request.amount) throw amountMismatch(order.amount);
  if (order.status !== 'awaiting_payment') throw orderNotAwaitingPayment();
  if (Date.parse(order.expiresAt) <= now.getTime()) throw orderExpired();
}

/**
 * Records the attempt BEFORE the PG is called, and commits it: whatever happens next (a
 * timeout, a 5xx, this process killed), the attempt is there for the reconciler to resolve.
 * An earlier attempt of the same paymentKey whose outcome is unknown is taken up again with the
 * same idempotency key (the PG answers it, never charges twice); one of another paymentKey
 * still open refuses this confirm until it is resolved.
 */
async function beginAttempt(
  ctx: ConfirmContext,
  order: PayableOrder,
  request: ConfirmRequest,
): Promise<{ attempt: AttemptRow } | { settled: ConfirmResult }> {
  const now = ctx.clock.now();
  const idempotencyKey = confirmIdempotencyKey(order.orderId, request.paymentKey);
  return ctx.db.transaction(async (tx) => {
    await ensurePayment(tx, order);
    const payment = await lockPayment(tx, order.orderId);
    if (!payment) throw orderNotFound();
    const settled = alreadySettled(payment, request.paymentKey);
    if (settled) return { settled };
    for (const open of await unsettledAttempts(tx, payment.id)) {
      const stale = now.getTime() - open.triedAt.getTime() >= ctx.reconcile.inFlightGraceMs;
      if (open.idempotencyKey === idempotencyKey && (open.state === 'unknown' || stale)) {
        const [retaken] = await tx
          .update(confirmAttempts)
          .set({ state: 'in_flight', triedAt: now })
          .where(eq(confirmAttempts.id, open.id))
          .returning();
        if (retaken) return { attempt: retaken };
      }
      throw confirmInProgress();
    }
    const [attempt] = await tx
      .insert(confirmAttempts)
      .values({
        id: newId(),
        paymentId: payment.id,
        orderId: order.orderId,
        paymentKey: request.paymentKey,
        amount: order.amount,
        idempotencyKey,
        triedAt: now,
      })
      .returning();
    if (!attempt) throw confirmInProgress();
    ctx.checkpoint?.('attempt:before-commit');
    return { attempt };
  });
}

/** The PG approved (or issued a virtual account): apply it and settle the attempt in one transaction. */
async function recordApproval(
  ctx: ConfirmContext,
  attempt: AttemptRow,
  pg: Awaited<ReturnType<DomainContext['pg']['confirm']>>,
): Promise<PaymentRow | undefined> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const payment = await lockPayment(tx, attempt.orderId);
    if (!payment) return undefined;
    const applied = await applyPgPayment(tx, { logger: ctx.logger, now, ledger: ctx.ledger }, payment, pg);
    await settleAttempt(tx, attempt.id, now, { state: 'succeeded' });
    ctx.checkpoint?.('apply:before-commit');
    return applied;
  });
  ctx.checkpoint?.('apply:after-commit');
  return result;
}

/** The PG refused for good: the attempt failed, and orders hears of it (not final: the shopper may try again). */
async function recordRefusal(ctx: ConfirmContext, attempt: AttemptRow, refusal: PgRefused): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await settleAttempt(tx, attempt.id, now, {
      state: 'failed',
      errorCode: refusal.pgCode,
      errorMessage: refusal.pgMessage,
    });
    await publishPaymentsEvent(tx, {
      type: 'PaymentFailed',
      aggregateId: attempt.orderId,
      occurredAt: now,
      data: {
        orderId: attempt.orderId,
        code: refusal.pgCode,
        message: refusal.pgMessage,
        final: false,
        failedAt: now.toISOString(),
      },
    });
    ctx.checkpoint?.('refusal:before-commit');
  });
  ctx.checkpoint?.('refusal:after-commit');
}

/**
 * Confirms a payment the shopper made on the PG's page. The amount is checked against what
 * orders says the order costs (never the browser's), and the order must be the shopper's and
 * still awaiting payment. Then: the attempt is recorded, the PG is called with an
 * Idempotency-Key, and the outcome is applied with its event in one transaction. A confirm
 * without a clear answer is resolved by asking the PG for the order; if even that fails the
 * shopper hears 503 `payment_pending` and the reconciler finishes the job.
 */
export async function confirmPayment(ctx: ConfirmContext, request: ConfirmRequest): Promise<ConfirmResult> {
  const order = await ctx.orders.getPayableOrder(request.orderId);
  if (!order || order.shopperId !== request.shopperId) throw orderNotFound();
  const repeated = alreadySettled(await findPayment(ctx.db, request.orderId), request.paymentKey);
  if (repeated) return repeated;
  checkPayable(order, request, ctx.clock.now());

  const begun = await beginAttempt(ctx, order, request);
  if ('settled' in begun) return begun.settled;
  const { attempt } = begun;
  ctx.checkpoint?.('attempt:after-commit');
  try {
    ctx.checkpoint?.('pg-confirm:before-call');
    let pg: Awaited<ReturnType<DomainContext['pg']['confirm']>>;
    try {
      pg = await ctx.pg.confirm(
        { paymentKey: request.paymentKey, orderId: request.orderId, amount: order.amount },
        attempt.idempotencyKey,
      );
    } finally {
      ctx.checkpoint?.('pg-confirm:after-call');
    }
    const payment = await recordApproval(ctx, attempt, pg);
    const result = payment && confirmResultOf(payment);
    if (result && result.paymentKey === request.paymentKey) return result;
    throw new PgUncertain('approved payment did not apply');
  } catch (error) {
    if (error instanceof PgRefused && error.pgCode !== 'ALREADY_PROCESSED_PAYMENT') {
      await recordRefusal(ctx, attempt, error);
      throw error;
    }
    if (!(error instanceof PgRefused || error instanceof PgUncertain)) throw error;
    // No clear answer (or "already processed": an earlier try of ours went through): ask the PG.
    const payment = await resolveAttempt(ctx, attempt);
    const result = payment && confirmResultOf(payment);
    if (result && result.paymentKey === request.paymentKey) return result;
    if (result) throw alreadyPaid();
    throw error instanceof PgUncertain ? error : new PgUncertain('PG reported the payment processed but not approved');
  }
}
