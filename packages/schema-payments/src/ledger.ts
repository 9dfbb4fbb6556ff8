import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { payments as schema } from './namespace.ts';
import { createdAt } from './payments.ts';

/**
 * One immutable journal entry of the double-entry ledger: a payment, a refund, a completed
 * fulfilment becoming payable, a payout. `source_key` names what caused it, so the same cause
 * never posts twice. Entries are never updated or deleted; a correction is a new entry.
 */
export const journalEntries = schema.table(
  'journal_entries',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    sourceKey: text('source_key').notNull(),
    orderId: uuid('order_id'),
    farmId: uuid('farm_id'),
    description: text('description').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('journal_entries_source_key').on(table.sourceKey),
    index('journal_entries_farm_posted_idx').on(table.farmId, table.postedAt),
  ],
);

/**
 * One line of an entry: an amount (integer KRW, debit positive, credit negative) on an account.
 * Accounts are names: `platform:pg_clearing`, `platform:shopper_funds`, `platform:commission`,
 * `platform:pg_fees`, `platform:delivery`, `farm:<id>:payable`, `farm:<id>:paid_out`. The
 * lines of an entry sum to zero (checked when posting, and by the property test).
 */
export const journalLines = schema.table(
  'journal_lines',
  {
    id: uuid('id').primaryKey(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => journalEntries.id),
    account: text('account').notNull(),
    farmId: uuid('farm_id'),
    amount: bigint('amount', { mode: 'number' }).notNull(),
  },
  (table) => [
    index('journal_lines_entry_idx').on(table.entryId),
    index('journal_lines_account_idx').on(table.account),
    check('journal_lines_amount_nonzero', sql`${table.amount} <> 0`),
  ],
);

/**
 * A settlement's payment to one farm: what its payable account held at the run, moved to the
 * bank in one journal entry (`journal_entry_id`). `held` payouts were not sent (an admin put
 * the farm on hold); they stay payable.
 */
export const payouts = schema.table(
  'payouts',
  {
    id: uuid('id').primaryKey(),
    farmId: uuid('farm_id').notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    journalEntryId: uuid('journal_entry_id').references(() => journalEntries.id),
    /**
     * `requested` when the run books it (the farm is owed it no more: it is on its way), `paid`
     * once the transfer went through (PayoutPaid then).
     */
    status: text('status').notNull().default('paid'),
    /** How the money goes: `payout_api` (the PG's payout API) or `bank_file` (the bulk-transfer CSV). */
    transfer: text('transfer'),
    /** The payout API's id of the transfer. */
    transferRef: text('transfer_ref'),
    /** The account it went to, as identity gave it: the number only by its last four digits. */
    bankCode: text('bank_code'),
    accountLast4: text('account_last4'),
    holderName: text('holder_name'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('payouts_farm_period_key').on(table.farmId, table.periodEnd),
    index('payouts_requested_idx').on(table.createdAt).where(sql`${table.status} = 'requested'`),
    check('payouts_amount_positive', sql`${table.amount} > 0`),
    check('payouts_status_known', sql`${table.status} in ('requested', 'paid')`),
    check('payouts_paid_has_time', sql`${table.status} <> 'paid' or ${table.paidAt} is not null`),
  ],
);

/** One weekly settlement run per period end: the scheduler claims the week here, so a second run does nothing. */
export const settlementRuns = schema.table('settlement_runs', {
  periodEnd: date('period_end', { mode: 'string' }).primaryKey(),
  periodStart: date('period_start', { mode: 'string' }).notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  payouts: integer('payouts').notNull().default(0),
});

/** One daily check against the PG's settlement list per Seoul date. */
export const pgSettlementChecks = schema.table('pg_settlement_checks', {
  date: date('date', { mode: 'string' }).primaryKey(),
  checked: integer('checked').notNull(),
  differences: integer('differences').notNull(),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
});

/** What the daily check found differing from the PG, per order and date: for a person to look at, never fixed here. */
export const pgSettlementDifferences = schema.table(
  'pg_settlement_differences',
  {
    date: date('date', { mode: 'string' }).notNull(),
    orderId: uuid('order_id').notNull(),
    problem: text('problem').notNull(),
    ours: bigint('ours', { mode: 'number' }).notNull(),
    pg: bigint('pg', { mode: 'number' }).notNull(),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.date, table.orderId] })],
);

/** Farms whose payouts an admin stopped (a dispute, a bank account to check); settlement skips them. */
export const payoutHolds = schema.table('payout_holds', {
  farmId: uuid('farm_id').primaryKey(),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
});
