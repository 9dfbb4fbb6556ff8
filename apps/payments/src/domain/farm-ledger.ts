import { journalEntries, journalLines, payoutHolds, payouts } from '@fruitables/schema-payments';
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { PaymentsDb } from './context.ts';
import { accounts } from './ledger-entries.ts';

/** What the platform owes a farm now: the credit balance of its payable account. */
export async function farmBalance(db: PaymentsDb, farmId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${journalLines.amount}), 0)` })
    .from(journalLines)
    .where(eq(journalLines.account, accounts.farmPayable(farmId)));
  return -Number(row?.total ?? 0);
}

export interface FarmBalanceView {
  farmId: string;
  /** Owed to the farm now (completed fulfilments net of commission, less payouts). */
  balance: number;
  /** What the next settlement pays, unless the farm is on hold. */
  upcomingPayout: number;
  onHold: boolean;
  holdReason: string | null;
  lastPayout: { id: string; amount: number; periodEnd: string; paidAt: Date } | null;
}

export async function farmBalanceView(db: PaymentsDb, farmId: string): Promise<FarmBalanceView> {
  const balance = await farmBalance(db, farmId);
  const [hold] = await db.select().from(payoutHolds).where(eq(payoutHolds.farmId, farmId));
  const [last] = await db
    .select({ id: payouts.id, amount: payouts.amount, periodEnd: payouts.periodEnd, paidAt: payouts.paidAt })
    .from(payouts)
    .where(and(eq(payouts.farmId, farmId), eq(payouts.status, 'paid')))
    .orderBy(desc(payouts.paidAt))
    .limit(1);
  return {
    farmId,
    balance,
    upcomingPayout: hold ? 0 : Math.max(0, balance),
    onHold: hold !== undefined,
    holdReason: hold?.reason ?? null,
    lastPayout: last?.paidAt ? { ...last, paidAt: last.paidAt } : null,
  };
}

export interface StatementLine {
  entryId: string;
  kind: string;
  description: string;
  orderId: string | null;
  postedAt: Date;
  /** A sale's goods net of refunds, before commission; null for a payout. */
  grossAmount: number | null;
  /** The platform's commission taken from that sale; null for a payout. */
  commission: number | null;
  /** Positive: owed to the farm; negative: paid out. */
  amount: number;
  balanceAfter: number;
}

/**
 * Every movement of the farm's payable account in [from, to), oldest first, with the running
 * balance (starting from the balance before `from`).
 */
export async function farmStatement(
  db: PaymentsDb,
  farmId: string,
  range: { from: Date; to: Date },
): Promise<{ opening: number; lines: StatementLine[] }> {
  const account = accounts.farmPayable(farmId);
  const [before] = await db
    .select({ total: sql<string>`coalesce(sum(${journalLines.amount}), 0)` })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(and(eq(journalLines.account, account), lt(journalEntries.postedAt, range.from)));
  const opening = -Number(before?.total ?? 0);
  const rows = await db
    .select({
      entryId: journalEntries.id,
      kind: journalEntries.kind,
      description: journalEntries.description,
      orderId: journalEntries.orderId,
      postedAt: journalEntries.postedAt,
      amount: journalLines.amount,
    })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(
      and(
        eq(journalLines.account, account),
        gte(journalEntries.postedAt, range.from),
        lt(journalEntries.postedAt, range.to),
      ),
    )
    .orderBy(asc(journalEntries.postedAt), asc(journalEntries.id));
  // The commission of each sale, shown beside it (it sits on the platform's account, not the farm's).
  const commissions = new Map<string, number>();
  const sales = rows.filter((row) => row.kind === 'fulfilment_completed').map((row) => row.entryId);
  if (sales.length > 0) {
    const taken = await db
      .select({ entryId: journalLines.entryId, amount: journalLines.amount })
      .from(journalLines)
      .where(and(eq(journalLines.account, accounts.commission), inArray(journalLines.entryId, sales)));
    for (const row of taken) commissions.set(row.entryId, -Number(row.amount));
  }
  let balance = opening;
  const lines = rows.map((row) => {
    const amount = -Number(row.amount);
    balance += amount;
    const isSale = row.kind === 'fulfilment_completed';
    const commission = isSale ? (commissions.get(row.entryId) ?? 0) : null;
    return {
      ...row,
      grossAmount: commission === null ? null : amount + commission,
      commission,
      amount,
      balanceAfter: balance,
    };
  });
  return { opening, lines };
}

export interface PlatformRevenue {
  commission: number;
  pgFees: number;
  deliveryFees: number;
}

/** The platform's commission, the PG's fees and delivery fees posted in [from, to). */
export async function platformRevenue(db: PaymentsDb, range: { from: Date; to: Date }): Promise<PlatformRevenue> {
  const rows = await db
    .select({ account: journalLines.account, total: sql<string>`sum(${journalLines.amount})` })
    .from(journalLines)
    .innerJoin(journalEntries, eq(journalEntries.id, journalLines.entryId))
    .where(
      and(
        sql`${journalLines.account} in (${accounts.commission}, ${accounts.pgFees}, ${accounts.delivery})`,
        gte(journalEntries.postedAt, range.from),
        lt(journalEntries.postedAt, range.to),
      ),
    )
    .groupBy(journalLines.account);
  const of = (account: string) => Number(rows.find((row) => row.account === account)?.total ?? 0);
  return { commission: -of(accounts.commission), pgFees: of(accounts.pgFees), deliveryFees: -of(accounts.delivery) };
}
