import { sql } from 'drizzle-orm';
import { bigint, check, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
