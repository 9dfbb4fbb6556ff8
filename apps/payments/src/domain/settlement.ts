import { newId } from '@fruitables/core';
import { journalLines, payoutHolds, payouts } from '@fruitables/schema-payments';
import { eq, like, sql } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { publishPaymentsEvent } from './events.ts';
import { farmBalance } from './farm-ledger.ts';
import { payoutEntry } from './ledger-entries.ts';
import { postEntry } from './post-entry.ts';

export interface SettlementPeriod {
  /** Seoul calendar dates, inclusive. */
  periodStart: string;
  periodEnd: string;
}

export interface PayoutView {
  id: string;
  farmId: string;
  amount: number;
  periodStart: string;
  periodEnd: string;
  paidAt: Date;
}

/**
 * A settlement run: every farm owed something and not on hold is paid its whole balance, one
 * transaction per farm (payout row, its journal entry, PayoutPaid). A farm is paid once per
 * period (unique farm and period end), so a run repeated or racing another pays nobody twice.
 * The transfer itself (a bank file, or a payout API) is outside this function.
 */
export async function runSettlement(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  period: SettlementPeriod,
): Promise<PayoutView[]> {
  const owed = await ctx.db
    .selectDistinct({ farmId: journalLines.farmId })
    .from(journalLines)
    .where(like(journalLines.account, 'farm:%:payable'));
  const held = new Set(
    (await ctx.db.select({ farmId: payoutHolds.farmId }).from(payoutHolds)).map((row) => row.farmId),
  );
  const paid: PayoutView[] = [];
  for (const { farmId } of owed) {
    if (farmId === null || held.has(farmId)) continue;
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
          paidAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) return undefined;
      const entryId = await postEntry(
        tx,
        payoutEntry({ payoutId: id, farmId, amount: balance, periodEnd: period.periodEnd }),
        now,
      );
      await tx
        .update(payouts)
        .set({ journalEntryId: entryId ?? null })
        .where(eq(payouts.id, id));
      await publishPaymentsEvent(tx, {
        type: 'PayoutPaid',
        aggregateId: farmId,
        occurredAt: now,
        data: {
          payoutId: id,
          farmId,
          amount: balance,
          periodStart: period.periodStart,
          periodEnd: period.periodEnd,
          paidAt: now.toISOString(),
        },
      });
      return row;
    });
    if (payout) paid.push(payout);
  }
  return paid;
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
