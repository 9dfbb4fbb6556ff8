import { seoulDayStart } from '@fruitables/core';
import { payments, refunds } from '@fruitables/schema-payments';
import { and, eq, gte, lt } from 'drizzle-orm';
import type { DomainContext } from './context.ts';

export interface SettlementDifference {
  orderId: string;
  /** What we recorded for the order that day (payments in, refunds out), and what the PG settled. */
  ours: number;
  pg: number;
  problem: 'missing_at_pg' | 'missing_here' | 'amount_differs';
}

export interface SettlementCheck {
  date: string;
  /** Orders with money moving that day, on either side. */
  checked: number;
  differences: SettlementDifference[];
}

/**
 * The daily reconciliation: our payments approved and refunds completed on a Seoul date,
 * against the PG's settlement list for that date, per order. Differences are reported (and
 * logged), never fixed here: a person looks at each one.
 */
export async function checkPgSettlements(
  ctx: Pick<DomainContext, 'db' | 'pg' | 'logger'>,
  date: string,
): Promise<SettlementCheck> {
  const from = seoulDayStart(date);
  const to = new Date(from.getTime() + 86_400_000);
  const ours = new Map<string, number>();
  const add = (map: Map<string, number>, orderId: string, amount: number) =>
    map.set(orderId, (map.get(orderId) ?? 0) + amount);
  const paid = await ctx.db
    .select({ orderId: payments.orderId, amount: payments.amount })
    .from(payments)
    .where(and(gte(payments.approvedAt, from), lt(payments.approvedAt, to)));
  for (const row of paid) add(ours, row.orderId, row.amount);
  const refunded = await ctx.db
    .select({ orderId: refunds.orderId, amount: refunds.amount })
    .from(refunds)
    .where(and(eq(refunds.status, 'completed'), gte(refunds.completedAt, from), lt(refunds.completedAt, to)));
  for (const row of refunded) add(ours, row.orderId, -row.amount);
  const settled = new Map<string, number>();
  for (const line of await ctx.pg.settlements(date, date)) add(settled, line.orderId, line.amount);

  const differences: SettlementDifference[] = [];
  for (const orderId of new Set([...ours.keys(), ...settled.keys()])) {
    const mine = ours.get(orderId);
    const theirs = settled.get(orderId);
    if (mine === theirs) continue;
    const problem = theirs === undefined ? 'missing_at_pg' : mine === undefined ? 'missing_here' : 'amount_differs';
    differences.push({ orderId, ours: mine ?? 0, pg: theirs ?? 0, problem });
  }
  if (differences.length > 0) ctx.logger.warn({ date, differences }, 'PG settlement differs from our records');
  return { date, checked: new Set([...ours.keys(), ...settled.keys()]).size, differences };
}
