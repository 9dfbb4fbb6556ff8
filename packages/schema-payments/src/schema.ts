import { createInboxTable, createOutboxTable } from '@fruitables/bus';
import {
  journalEntries,
  journalLines,
  payoutHolds,
  payouts,
  pgSettlementChecks,
  pgSettlementDifferences,
  settlementRuns,
} from './ledger.ts';
import { payments as schema } from './namespace.ts';
import { confirmAttempts, payments, refundAccounts, refunds, webhookReceipts } from './payments.ts';

export * from './ledger.ts';
export * from './payments.ts';
export * from './values.ts';

export const outbox = createOutboxTable(schema);
export const inbox = createInboxTable(schema);

/** Every table, for `createDrizzle(sql, paymentsTables)`; the app uses the query builder, not relational queries. */
export const paymentsTables = {
  payments,
  confirmAttempts,
  refunds,
  refundAccounts,
  webhookReceipts,
  journalEntries,
  journalLines,
  payouts,
  payoutHolds,
  settlementRuns,
  pgSettlementChecks,
  pgSettlementDifferences,
  outbox,
  inbox,
};
