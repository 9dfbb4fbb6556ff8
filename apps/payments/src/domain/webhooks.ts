import { newId } from '@fruitables/core';
import { webhookReceipts } from '@fruitables/schema-payments';
import { eq } from 'drizzle-orm';
import { applyPgPayment } from './apply-pg-payment.ts';
import type { DomainContext } from './context.ts';
import { findPayment, lockPayment, unsettledAttempts } from './payment-records.ts';
import { lookUpOrder, settleAttempt } from './resolve-attempt.ts';

type WebhookContext = Pick<DomainContext, 'db' | 'clock' | 'logger' | 'pg' | 'reconcile' | 'ledger' | 'checkpoint'>;

export interface WebhookNotice {
  eventType: string;
  orderId: string;
  /** DEPOSIT_CALLBACK's `secret`, compared with the one the PG gave at confirm (a mismatch is logged). */
  secret: string | null;
  body: unknown;
}

/**
 * Keeps a webhook about an order we know; one about an order we never saw is dropped (nobody
 * can make us store rows by posting to an open endpoint). Returns the receipt's id.
 */
export async function recordWebhook(ctx: WebhookContext, notice: WebhookNotice): Promise<string | undefined> {
  const payment = await findPayment(ctx.db, notice.orderId);
  if (!payment) return undefined;
  if (notice.secret !== null && payment.depositSecret !== null && notice.secret !== payment.depositSecret) {
    ctx.logger.warn(
      { orderId: notice.orderId },
      'deposit callback secret does not match; acting only on the PG lookup',
    );
  }
  const id = newId();
  await ctx.db.insert(webhookReceipts).values({
    id,
    eventType: notice.eventType,
    orderId: notice.orderId,
    body: notice.body,
    receivedAt: ctx.clock.now(),
  });
  return id;
}

/**
 * Asks the PG what became of the order and applies it, settling any confirm still open on
 * the way. This is all a webhook ever triggers: its body is never trusted, so a replayed,
 * forged, late or out-of-order webhook changes nothing the PG does not confirm.
 */
export async function syncOrderWithPg(ctx: WebhookContext, orderId: string): Promise<void> {
  const pg = await lookUpOrder(ctx, orderId);
  if (!pg) return;
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const payment = await lockPayment(tx, orderId);
    if (!payment) return;
    const applied = await applyPgPayment(tx, { logger: ctx.logger, now, ledger: ctx.ledger }, payment, pg);
    if (applied.status !== 'paid' && applied.status !== 'waiting_for_deposit') return;
    for (const attempt of await unsettledAttempts(tx, payment.id)) {
      const state = attempt.paymentKey === applied.paymentKey ? 'succeeded' : 'failed';
      await settleAttempt(tx, attempt.id, now, {
        state,
        ...(state === 'failed' ? { errorCode: 'SETTLED_BY_ANOTHER_PAYMENT' } : {}),
      });
    }
  });
}

/** Processes one receipt: sync the order with the PG, then mark the receipt done. */
export async function processWebhook(ctx: WebhookContext, receiptId: string): Promise<void> {
  const [receipt] = await ctx.db.select().from(webhookReceipts).where(eq(webhookReceipts.id, receiptId));
  if (!receipt || receipt.processedAt !== null) return;
  await syncOrderWithPg(ctx, receipt.orderId);
  await ctx.db.update(webhookReceipts).set({ processedAt: ctx.clock.now() }).where(eq(webhookReceipts.id, receiptId));
}
