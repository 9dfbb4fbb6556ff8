import { sql } from 'drizzle-orm';
import { bigint, check, date, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('payouts_farm_period_key').on(table.farmId, table.periodEnd),
    check('payouts_amount_positive', sql`${table.amount} > 0`),
  ],
);

/** Farms whose payouts an admin stopped (a dispute, a bank account to check); settlement skips them. */
export const payoutHolds = schema.table('payout_holds', {
  farmId: uuid('farm_id').primaryKey(),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
});
