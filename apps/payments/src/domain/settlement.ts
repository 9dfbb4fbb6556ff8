import { newId } from '@fruitables/core';
import { journalLines, payoutHolds, payouts } from '@fruitables/schema-payments';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { DomainContext, PaymentsDb } from './context.ts';
import { publishPaymentsEvent } from './events.ts';
import { farmBalance } from './farm-ledger.ts';
import { payoutEntry } from './ledger-entries.ts';
import { postEntry } from './post-entry.ts';

export interface SettlementPeriod {
  /** Seoul calendar dates, inclusive. */
  periodStart: string;
  periodEnd: string;
}

export type PayoutRow = typeof payouts.$inferSelect;

export interface PayoutView {
  id: string;
  farmId: string;
  amount: number;
  periodStart: string;
  periodEnd: string;
  status: 'requested' | 'paid';
  transfer: string | null;
  paidAt: Date | null;
}

type SettlementContext = Pick<DomainContext, 'db' | 'clock' | 'logger' | 'pg' | 'farmAccounts' | 'payoutTransfer'>;

export const payoutView = (row: PayoutRow): PayoutView => ({
  id: row.id,
  farmId: row.farmId,
  amount: row.amount,
  periodStart: row.periodStart,
  periodEnd: row.periodEnd,
  status: row.status === 'paid' ? 'paid' : 'requested',
  transfer: row.transfer,
  paidAt: row.paidAt,
});

/** What the farm's bank statement shows: short, as banks cut it (e.g. `프룻정산1206`). */
export const payoutMemo = (periodEnd: string): string => `프룻정산${periodEnd.slice(5, 7)}${periodEnd.slice(8, 10)}`;

/**
 * A settlement run: every farm owed something, not on hold and with a payout account at
 * identity is booked a payout of its whole balance, one transaction per farm (the payout row
 * `requested` and its journal entry: the farm is owed it no more, it is on its way). A farm is
 * booked once per period (unique farm and period end), so a run repeated or racing another
 * books nobody twice. Then the transfers: through the payout API each payout becomes paid
 * (PayoutPaid) when the PG answers; with the bank file they stay requested until an admin
 * marks the file paid.
 */
export async function runSettlement(ctx: SettlementContext, period: SettlementPeriod): Promise<PayoutView[]> {
  const owed = await ctx.db
    .selectDistinct({ farmId: journalLines.farmId })
    .from(journalLines)
    .where(like(journalLines.account, 'farm:%:payable'));
  const held = new Set(
    (await ctx.db.select({ farmId: payoutHolds.farmId }).from(payoutHolds)).map((row) => row.farmId),
  );
  const booked: PayoutRow[] = [];
  for (const { farmId } of owed) {
    if (farmId === null || held.has(farmId)) continue;
    if ((await farmBalance(ctx.db, farmId)) <= 0) continue;
    const account = await ctx.farmAccounts.payoutAccountOf(farmId);
    if (!account) {
      // Owed but nowhere to pay: it stays payable, and a person must look.
      ctx.logger.warn({ farmId }, 'farm owed money has no payout account at identity; not paid this run');
      continue;
    }
    const payout = await ctx.db.transaction(async (tx) => {
      // One settlement per farm at a time: the balance read and the payout commit together.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payout:${farmId}`}))`);
      const balance = await farmBalance(tx, farmId);
      if (balance <= 0) return undefined;
      const now = ctx.clock.now();
      const id = newId();
      const [row] = await tx
        .insert(payouts)
        .values({
          id,
          farmId,
          amount: balance,
          periodStart: period.periodStart,
          periodEnd: period.periodEnd,
          status: 'requested',
          transfer: ctx.payoutTransfer,
          bankCode: account.bankCode,
          accountLast4: account.accountNumber.replace(/\D/g, '').slice(-4),
          holderName: account.holderName,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) return undefined;
      const entryId = await postEntry(
        tx,
        payoutEntry({ payoutId: id, farmId, amount: balance, periodEnd: period.periodEnd }),
        now,
      );
      const [linked] = await tx
        .update(payouts)
        .set({ journalEntryId: entryId ?? null })
        .where(eq(payouts.id, id))
        .returning();
      return linked;
    });
    if (payout) booked.push(payout);
  }
  if (ctx.payoutTransfer === 'payout_api') await sendRequestedPayouts(ctx, period.periodEnd);
  const ids = new Set(booked.map((row) => row.id));
  const rows = await ctx.db.select().from(payouts).where(eq(payouts.periodEnd, period.periodEnd));
  return rows.filter((row) => ids.has(row.id)).map(payoutView);
}

/**
 * Sends the payouts still requested through the payout API (this run's, and any an earlier
 * pass could not send), each with its own Idempotency-Key so a retry is the same transfer.
 * One farm's failure never stops the others; it is tried again on the next pass.
 */
export async function sendRequestedPayouts(ctx: SettlementContext, periodEnd?: string): Promise<number> {
  const requested = await ctx.db
    .select()
    .from(payouts)
    .where(
      and(
        eq(payouts.status, 'requested'),
        eq(payouts.transfer, 'payout_api'),
        ...(periodEnd === undefined ? [] : [eq(payouts.periodEnd, periodEnd)]),
      ),
    )
    .orderBy(asc(payouts.createdAt));
  let paid = 0;
  for (const payout of requested) {
    try {
      const account = await ctx.farmAccounts.payoutAccountOf(payout.farmId);
      if (!account) throw new Error('no payout account at identity');
      const transfer = await ctx.pg.payout(
        {
          bankCode: account.bankCode,
          accountNumber: account.accountNumber.replace(/\D/g, ''),
          holderName: account.holderName,
          amount: payout.amount,
          memo: payoutMemo(payout.periodEnd),
        },
        `payout-${payout.id}`,
      );
      if (await markPayoutPaid(ctx, payout.id, transfer.payoutKey)) paid += 1;
    } catch (error) {
      ctx.logger.error({ err: error, payoutId: payout.id, farmId: payout.farmId }, 'payout transfer failed; retried');
    }
  }
  return paid;
}

/** The money reached the farm: the payout is paid and PayoutPaid goes out, once. */
export async function markPayoutPaid(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  payoutId: string,
  transferRef: string | null,
): Promise<boolean> {
  return ctx.db.transaction(async (tx) => markPaidIn(tx, ctx.clock.now(), payoutId, transferRef));
}

async function markPaidIn(tx: PaymentsDb, now: Date, payoutId: string, transferRef: string | null): Promise<boolean> {
  const [row] = await tx
    .update(payouts)
    .set({ status: 'paid', paidAt: now, transferRef })
    .where(and(eq(payouts.id, payoutId), eq(payouts.status, 'requested')))
    .returning();
  if (!row) return false;
  await publishPaymentsEvent(tx, {
    type: 'PayoutPaid',
    aggregateId: row.farmId,
    occurredAt: now,
    data: {
      payoutId: row.id,
      farmId: row.farmId,
      amount: row.amount,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      paidAt: now.toISOString(),
    },
  });
  return true;
}

/** The admin uploaded a run's bank file and the bank paid it: every payout of it still requested becomes paid. */
export async function markBankFilePaid(ctx: Pick<DomainContext, 'db' | 'clock'>, periodEnd: string): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const requested = await tx
      .select({ id: payouts.id })
      .from(payouts)
      .where(and(eq(payouts.periodEnd, periodEnd), eq(payouts.status, 'requested'), eq(payouts.transfer, 'bank_file')))
      .for('update');
    const now = ctx.clock.now();
    let paid = 0;
    for (const { id } of requested) if (await markPaidIn(tx, now, id, null)) paid += 1;
    return paid;
  });
}

/** Puts a farm's payouts on hold (or changes the reason); settlement skips it until released. */
export async function holdPayouts(ctx: Pick<DomainContext, 'db'>, farmId: string, reason: string): Promise<void> {
  await ctx.db
    .insert(payoutHolds)
    .values({ farmId, reason })
    .onConflictDoUpdate({ target: payoutHolds.farmId, set: { reason } });
}

export async function releasePayouts(ctx: Pick<DomainContext, 'db'>, farmId: string): Promise<void> {
  await ctx.db.delete(payoutHolds).where(eq(payoutHolds.farmId, farmId));
}
