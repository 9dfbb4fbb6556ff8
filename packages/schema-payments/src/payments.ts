import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { payments as schema } from './namespace.ts';
import type { ConfirmAttemptState, PaymentStatus, RefundStatus } from './values.ts';

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A virtual account (가상계좌) the PG issued for an order, as the shopper must see it to pay. */
export interface VirtualAccountRecord {
  accountNumber: string;
  bankCode: string;
  customerName: string;
  dueDate: string;
}

/**
 * One order's payment: the amount orders asked for, and what the PG says became of it. One row
 * per order (the unique order id), so two confirms of the same order meet on this row's lock.
 * `refunded_total` only grows by refunds that completed at the PG; the CHECK keeps it within
 * the amount even for a direct SQL write.
 */
export const payments = schema.table(
  'payments',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').notNull(),
    shopperId: uuid('shopper_id').notNull(),
    orderName: text('order_name').notNull(),
    amount: integer('amount').notNull(),
    status: text('status').$type<PaymentStatus>().notNull().default('awaiting'),
    /** The PG's key of the approved payment (or of the issued virtual account); null until then. */
    paymentKey: text('payment_key'),
    /** Toss's `method` (카드, 가상계좌, 간편결제 …). */
    method: text('method'),
    refundedTotal: integer('refunded_total').notNull().default(0),
    virtualAccount: jsonb('virtual_account').$type<VirtualAccountRecord>(),
    /** Toss's `secret` of a virtual-account payment: DEPOSIT_CALLBACK carries it back. */
    depositSecret: text('deposit_secret'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('payments_order_key').on(table.orderId),
    uniqueIndex('payments_payment_key_key').on(table.paymentKey),
    index('payments_shopper_idx').on(table.shopperId),
    check(
      'payments_status_known',
      sql`${table.status} in ('awaiting', 'waiting_for_deposit', 'paid', 'expired', 'cancelled')`,
    ),
    check('payments_amount_nonnegative', sql`${table.amount} >= 0`),
    check(
      'payments_refunds_within_amount',
      sql`${table.refundedTotal} >= 0 and ${table.refundedTotal} <= ${table.amount}`,
    ),
    check(
      'payments_paid_has_key',
      sql`${table.status} not in ('paid', 'waiting_for_deposit') or ${table.paymentKey} is not null`,
    ),
  ],
);

/**
 * A confirm sent (or about to be sent) to the PG, written and committed BEFORE the call: a
 * process that dies mid-call leaves an `in_flight` row the reconciler resolves by asking the
 * PG. At most one attempt per payment is in flight (partial unique index), so two browser tabs
 * never confirm the same order at once.
 */
export const confirmAttempts = schema.table(
  'confirm_attempts',
  {
    id: uuid('id').primaryKey(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    orderId: uuid('order_id').notNull(),
    paymentKey: text('payment_key').notNull(),
    amount: integer('amount').notNull(),
    /** Sent as the PG's Idempotency-Key: the same (order, paymentKey) is the same confirm on every retry. */
    idempotencyKey: text('idempotency_key').notNull(),
    state: text('state').$type<ConfirmAttemptState>().notNull().default('in_flight'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    createdAt: createdAt(),
    /** When the current try started; the reconciler leaves younger in-flight attempts to their process. */
    triedAt: timestamp('tried_at', { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('confirm_attempts_one_in_flight').on(table.paymentId).where(sql`${table.state} = 'in_flight'`),
    index('confirm_attempts_unsettled_idx').on(table.triedAt).where(sql`${table.state} in ('in_flight', 'unknown')`),
    index('confirm_attempts_payment_idx').on(table.paymentId),
    check('confirm_attempts_state_known', sql`${table.state} in ('in_flight', 'succeeded', 'failed', 'unknown')`),
  ],
);

/**
 * Money going back to the shopper. A refund reserves its amount the moment it is written
 * (`pending`), under the payment's row lock, so two racing refunds can never together exceed
 * what was paid; the PG cancel follows with the refund's own idempotency key.
 */
export const refunds = schema.table(
  'refunds',
  {
    id: uuid('id').primaryKey(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    orderId: uuid('order_id').notNull(),
    fulfilmentId: uuid('fulfilment_id'),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    description: text('description').notNull(),
    /** The caller's Idempotency-Key (orders derives it from what it refunds). */
    requestKey: text('request_key').notNull(),
    /** SHA-256 of the request, so a reused key with a different request is refused. */
    requestHash: text('request_hash').notNull(),
    status: text('status').$type<RefundStatus>().notNull().default('pending'),
    errorCode: text('error_code'),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('refunds_request_key_key').on(table.requestKey),
    index('refunds_payment_idx').on(table.paymentId),
    index('refunds_pending_idx').on(table.createdAt).where(sql`${table.status} = 'pending'`),
    check('refunds_amount_positive', sql`${table.amount} > 0`),
    check('refunds_status_known', sql`${table.status} in ('pending', 'completed', 'failed')`),
  ],
);

/**
 * The bank account a virtual-account payment's refunds go to (Toss's `refundReceiveAccount`),
 * as the order's shopper gave it. The account number is sealed with the field cipher (context
 * `refund_accounts.account_number:<orderId>`); only its last four digits are readable here.
 */
export const refundAccounts = schema.table('refund_accounts', {
  orderId: uuid('order_id').primaryKey(),
  paymentId: uuid('payment_id')
    .notNull()
    .references(() => payments.id),
  /** Toss's two-digit bank code. */
  bankCode: text('bank_code').notNull(),
  accountNumberSealed: text('account_number_sealed').notNull(),
  accountLast4: text('account_last4').notNull(),
  holderName: text('holder_name').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every webhook the PG sent about a payment we know, kept as received. Never trusted: it only
 * tells payments to ask the PG again (`processed_at` once that was done).
 */
export const webhookReceipts = schema.table(
  'webhook_receipts',
  {
    id: uuid('id').primaryKey(),
    eventType: text('event_type').notNull(),
    orderId: uuid('order_id').notNull(),
    body: jsonb('body').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (table) => [index('webhook_receipts_unprocessed_idx').on(table.receivedAt).where(sql`${table.processedAt} is null`)],
);
