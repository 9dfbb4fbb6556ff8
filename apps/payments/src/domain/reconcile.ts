import { confirmAttempts, payments, refundAccounts, refunds, webhookReceipts } from '@fruitables/schema-payments';
import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { refundAccountOf } from './refund-account.ts';
import { sendRefund } from './refund-payment.ts';
import { resolveAttempt } from './resolve-attempt.ts';
import { processWebhook, syncOrderWithPg } from './webhooks.ts';

type ReconcileContext = Pick<
  DomainContext,
  'db' | 'clock' | 'logger' | 'pg' | 'reconcile' | 'ledger' | 'cipher' | 'checkpoint'
>;

/**
 * Claims up to `limit` confirm attempts left open: in flight past the grace period (their
 * process died or hangs) or unknown. Claiming bumps `tried_at` under SKIP LOCKED, so two
 * reconcilers (or replicas) do not resolve the same attempt at once.
 */
async function claimOpenAttempts(ctx: ReconcileContext, limit: number) {
  const now = ctx.clock.now();
  const before = new Date(now.getTime() - ctx.reconcile.inFlightGraceMs);
  return ctx.db.transaction(async (tx) => {
    const open = await tx
      .select({ id: confirmAttempts.id })
      .from(confirmAttempts)
      .where(and(inArray(confirmAttempts.state, ['in_flight', 'unknown']), lt(confirmAttempts.triedAt, before)))
      .orderBy(asc(confirmAttempts.triedAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (open.length === 0) return [];
    return tx
      .update(confirmAttempts)
      .set({ triedAt: now })
      .where(
        inArray(
          confirmAttempts.id,
          open.map((row) => row.id),
        ),
      )
      .returning();
  });
}

/**
 * One reconciler pass: resolves confirms left open by asking the PG for their order, sends
 * refunds left pending again (same idempotency key), processes webhooks that were received
 * but not processed, and re-checks virtual accounts past their due date. Each item is
 * handled on its own; one failing never stops the others. Returns how many it handled.
 */
export async function reconcileOnce(ctx: ReconcileContext, limit = 50): Promise<number> {
  let handled = 0;
  const attempt = async (label: string, work: () => Promise<unknown>) => {
    try {
      await work();
      handled += 1;
    } catch (error) {
      ctx.logger.warn({ err: error, item: label }, 'reconcile item failed; next pass tries again');
    }
  };
  for (const open of await claimOpenAttempts(ctx, limit)) {
    await attempt(`attempt ${open.id}`, () => resolveAttempt(ctx, open));
  }
  const now = ctx.clock.now();
  const before = new Date(now.getTime() - ctx.reconcile.inFlightGraceMs);
  const pendingRefunds = await ctx.db
    .select({ refund: refunds, paymentKey: payments.paymentKey, method: payments.method })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .leftJoin(refundAccounts, eq(refundAccounts.orderId, refunds.orderId))
    .where(
      and(
        eq(refunds.status, 'pending'),
        lt(refunds.createdAt, before),
        // A virtual-account refund waits for the shopper's refund account; without it Toss refuses the cancel.
        sql`(${payments.method} <> '가상계좌' or ${refundAccounts.orderId} is not null)`,
      ),
    )
    .orderBy(asc(refunds.createdAt))
    .limit(limit);
  for (const { refund, paymentKey, method } of pendingRefunds) {
    if (!paymentKey) continue;
    await attempt(`refund ${refund.id}`, async () => {
      const account = method === '가상계좌' ? await refundAccountOf(ctx, refund.orderId) : undefined;
      return sendRefund(ctx, refund, paymentKey, account);
    });
  }
  const receipts = await ctx.db
    .select({ id: webhookReceipts.id })
    .from(webhookReceipts)
    .where(and(isNull(webhookReceipts.processedAt), lt(webhookReceipts.receivedAt, before)))
    .orderBy(asc(webhookReceipts.receivedAt))
    .limit(limit);
  for (const receipt of receipts) await attempt(`webhook ${receipt.id}`, () => processWebhook(ctx, receipt.id));
  const overdue = await ctx.db
    .select({ orderId: payments.orderId })
    .from(payments)
    .where(
      and(
        eq(payments.status, 'waiting_for_deposit'),
        sql`(${payments.virtualAccount}->>'dueDate')::timestamptz < ${now.toISOString()}::timestamptz`,
        lt(payments.updatedAt, before),
      ),
    )
    .limit(limit);
  for (const { orderId } of overdue) await attempt(`virtual account ${orderId}`, () => syncOrderWithPg(ctx, orderId));
  return handled;
}
