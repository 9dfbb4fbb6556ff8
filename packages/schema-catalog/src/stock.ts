import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { batchImports } from './batches.ts';
import { createdAt, farms } from './farms.ts';
import { catalog } from './namespace.ts';
import { offers } from './products.ts';
import type { HoldReturnReason, HoldStatus } from './values.ts';

/** Why a lot's on-hand count changed other than by a sale: a farmer's damage or recount, or the lot ending early. */
export const lotAdjustmentReasons = ['damage', 'recount', 'ended'] as const;
export type LotAdjustmentReason = (typeof lotAdjustmentReasons)[number];

/**
 * A harvest lot: boxes of one offer picked on one day. `on_hand` counts boxes still in the
 * farm's store (held ones included), `reserved` the held part of them, `sold` the confirmed
 * ones. The CHECKs make overselling impossible even for a direct SQL write, and keep an
 * ended lot without a single free box.
 */
export const lots = catalog.table(
  'lots',
  {
    id: uuid('id').primaryKey(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id),
    farmId: uuid('farm_id')
      .notNull()
      .references(() => farms.id),
    lotCode: text('lot_code').notNull(),
    harvestedOn: date('harvested_on', { mode: 'string' }).notNull(),
    boxesHarvested: integer('boxes_harvested').notNull(),
    brix: numeric('brix', { precision: 4, scale: 1 }),
    note: text('note').notNull().default(''),
    /** The upload that created the lot, if any: traceability from lot back to the farmer's file. */
    batchImportId: uuid('batch_import_id').references(() => batchImports.id),
    onHand: integer('on_hand').notNull(),
    reserved: integer('reserved').notNull().default(0),
    sold: integer('sold').notNull().default(0),
    createdAt: createdAt(),
    /**
     * Set when the farmer ended the lot early: its free boxes were withdrawn and it never
     * sells again; boxes a live hold returns are withdrawn too, held ones can still be sold.
     */
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('lots_farm_lot_code_key').on(table.farmId, table.lotCode),
    index('lots_offer_harvest_idx').on(table.offerId, table.harvestedOn),
    check('lots_boxes_harvested_positive', sql`${table.boxesHarvested} > 0`),
    check('lots_on_hand_nonnegative', sql`${table.onHand} >= 0`),
    check('lots_reserved_nonnegative', sql`${table.reserved} >= 0`),
    check('lots_sold_nonnegative', sql`${table.sold} >= 0`),
    check('lots_reserved_within_on_hand', sql`${table.reserved} <= ${table.onHand}`),
    check('lots_within_harvest', sql`${table.onHand} + ${table.sold} <= ${table.boxesHarvested}`),
    check('lots_brix_range', sql`${table.brix} is null or (${table.brix} >= 0 and ${table.brix} <= 40)`),
    check('lots_ended_nothing_free', sql`${table.endedAt} is null or ${table.onHand} = ${table.reserved}`),
  ],
);

/**
 * The audit trail of on-hand changes that are not sales: every farmer adjustment (damage,
 * recount) and every withdrawal by ending a lot, written in the same transaction as the change.
 */
export const lotAdjustments = catalog.table(
  'lot_adjustments',
  {
    id: uuid('id').primaryKey(),
    lotId: uuid('lot_id')
      .notNull()
      .references(() => lots.id),
    farmId: uuid('farm_id')
      .notNull()
      .references(() => farms.id),
    /** The farmer or admin who made it; null when catalog withdrew boxes a hold returned to an ended lot. */
    accountId: uuid('account_id'),
    previousOnHand: integer('previous_on_hand').notNull(),
    onHand: integer('on_hand').notNull(),
    reason: text('reason').$type<LotAdjustmentReason>().notNull(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (table) => [
    index('lot_adjustments_lot_created_idx').on(table.lotId, table.createdAt),
    check('lot_adjustments_reason_known', sql`${table.reason} in ('damage', 'recount', 'ended')`),
    check('lot_adjustments_on_hand_nonnegative', sql`${table.previousOnHand} >= 0 and ${table.onHand} >= 0`),
    check('lot_adjustments_note_length', sql`char_length(${table.note}) <= 200`),
  ],
);

/** Stock set aside for a checkout until it is confirmed (paid), released or expired. */
export const holds = catalog.table(
  'holds',
  {
    id: uuid('id').primaryKey(),
    /** The caller's Idempotency-Key: a retried request finds its hold instead of holding twice. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** SHA-256 of the requested lines, so a reused key with different lines is refused. */
    requestHash: text('request_hash').notNull(),
    status: text('status').$type<HoldStatus>().notNull().default('held'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('holds_idempotency_key_key').on(table.idempotencyKey),
    // The sweep reads only live holds by expiry.
    index('holds_live_expiry_idx').on(table.expiresAt).where(sql`${table.status} = 'held'`),
    check('holds_status_known', sql`${table.status} in ('held', 'confirmed', 'released', 'expired')`),
  ],
);

/** One lot's share of a hold; kept after confirmation as the traceability record. */
export const holdLines = catalog.table(
  'hold_lines',
  {
    id: uuid('id').primaryKey(),
    holdId: uuid('hold_id')
      .notNull()
      .references(() => holds.id),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id),
    lotId: uuid('lot_id')
      .notNull()
      .references(() => lots.id),
    quantity: integer('quantity').notNull(),
  },
  (table) => [
    index('hold_lines_hold_idx').on(table.holdId),
    index('hold_lines_lot_idx').on(table.lotId),
    check('hold_lines_quantity_positive', sql`${table.quantity} > 0`),
  ],
);

/**
 * Sold boxes a paid order gave back (a cancel before shipping, a shortage): one row per request,
 * keyed by the caller's Idempotency-Key so a retried cancel returns the boxes once.
 */
export const holdReturns = catalog.table(
  'hold_returns',
  {
    id: uuid('id').primaryKey(),
    holdId: uuid('hold_id')
      .notNull()
      .references(() => holds.id),
    idempotencyKey: text('idempotency_key').notNull(),
    /** SHA-256 of the hold, reason and lines, so a reused key with a different return is refused. */
    requestHash: text('request_hash').notNull(),
    reason: text('reason').$type<HoldReturnReason>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('hold_returns_idempotency_key_key').on(table.idempotencyKey),
    index('hold_returns_hold_idx').on(table.holdId),
    check('hold_returns_reason_known', sql`${table.reason} in ('cancelled', 'shortage')`),
  ],
);

/**
 * One lot's share of a return. `restocked` says whether the boxes went back on sale; a lot that
 * ended or aged out (or a shortage: the boxes do not exist) only stops counting them as sold.
 */
export const holdReturnLines = catalog.table(
  'hold_return_lines',
  {
    id: uuid('id').primaryKey(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => holdReturns.id),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id),
    lotId: uuid('lot_id')
      .notNull()
      .references(() => lots.id),
    quantity: integer('quantity').notNull(),
    restocked: boolean('restocked').notNull(),
  },
  (table) => [
    index('hold_return_lines_return_idx').on(table.returnId),
    check('hold_return_lines_quantity_positive', sql`${table.quantity} > 0`),
  ],
);
