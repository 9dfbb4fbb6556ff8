import { toSeoulDate } from '@fruitables/core';
import { pgSettlementChecks, pgSettlementDifferences, settlementRuns } from '@fruitables/schema-payments';
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import { checkPgSettlements, type SettlementCheck } from './pg-settlement-check.ts';
import { runSettlement, type SettlementPeriod, sendRequestedPayouts } from './settlement.ts';

type ScheduleContext = Pick<DomainContext, 'db' | 'clock' | 'logger' | 'pg' | 'farmAccounts' | 'payoutTransfer'>;

/** A run claimed this long ago and not finished is taken to have died with its process. */
const RUN_STALE_MS = 30 * 60_000;

const addDays = (seoulDate: string, days: number): string =>
  new Date(Date.parse(`${seoulDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The last whole Seoul week (Monday to Sunday) before `now`. */
export function lastWholeWeek(now: Date): SettlementPeriod {
  const today = toSeoulDate(now);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  const periodEnd = addDays(today, -(weekday === 0 ? 7 : weekday));
  return { periodStart: addDays(periodEnd, -6), periodEnd };
}

/**
 * The weekly settlement run, as the scheduler calls it every pass: the last whole week is
 * claimed in `settlement_runs` (its period end is the key), so once a week's run finished a
 * second pass does nothing; a run that died half-way is claimed again after a while, and since
 * each farm is booked once per period end, it only finishes what the first left. Payouts the
 * payout API could not send are retried on every pass.
 */
export async function runWeeklySettlementOnce(ctx: ScheduleContext): Promise<{ ran: boolean; payouts: number }> {
  const now = ctx.clock.now();
  const period = lastWholeWeek(now);
  const [claimed] = await ctx.db
    .insert(settlementRuns)
    .values({ ...period, startedAt: now })
    .onConflictDoUpdate({
      target: settlementRuns.periodEnd,
      set: { startedAt: now },
      setWhere: and(
        isNull(settlementRuns.finishedAt),
        lt(settlementRuns.startedAt, new Date(now.getTime() - RUN_STALE_MS)),
      ),
    })
    .returning();
  if (!claimed) {
    if (ctx.payoutTransfer === 'payout_api') await sendRequestedPayouts(ctx);
    return { ran: false, payouts: 0 };
  }
  const payouts = await runSettlement(ctx, period);
  await ctx.db
    .update(settlementRuns)
    .set({ finishedAt: ctx.clock.now(), payouts: payouts.length })
    .where(eq(settlementRuns.periodEnd, period.periodEnd));
  ctx.logger.info({ ...period, payouts: payouts.length }, 'weekly settlement run finished');
  return { ran: true, payouts: payouts.length };
}

/**
 * The daily reconciliation, as the scheduler calls it every pass: yesterday (Seoul) is checked
 * against the PG's settlement list once. Each difference is kept for the admin's list, logged
 * and counted (`onDifferences`, the metric); none is ever fixed here.
 */
export async function checkYesterdayOnce(
  ctx: ScheduleContext,
  onDifferences: (count: number) => void,
): Promise<SettlementCheck | undefined> {
  const now = ctx.clock.now();
  const date = addDays(toSeoulDate(now), -1);
  const [done] = await ctx.db.select().from(pgSettlementChecks).where(eq(pgSettlementChecks.date, date));
  if (done) return undefined;
  const check = await checkPgSettlements(ctx, date);
  await ctx.db.transaction(async (tx) => {
    for (const difference of check.differences) {
      await tx
        .insert(pgSettlementDifferences)
        .values({ date, ...difference, foundAt: now })
        .onConflictDoNothing();
    }
    await tx
      .insert(pgSettlementChecks)
      .values({ date, checked: check.checked, differences: check.differences.length, checkedAt: now })
      .onConflictDoNothing();
  });
  if (check.differences.length > 0) onDifferences(check.differences.length);
  return check;
}

/** The differences the daily checks found, newest date first (the latest 500), for the admin's list. */
export function listPgSettlementDifferences(ctx: Pick<DomainContext, 'db'>) {
  return ctx.db
    .select()
    .from(pgSettlementDifferences)
    .orderBy(desc(pgSettlementDifferences.date), pgSettlementDifferences.orderId)
    .limit(500);
}
