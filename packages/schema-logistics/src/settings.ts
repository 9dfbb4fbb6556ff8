import { sql } from 'drizzle-orm';
import { check, date, integer, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { logistics } from './namespace.ts';
import type { ClosureScope } from './values.ts';

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A farm's shipping rules. A farm with no row ships by the platform's defaults (the service's
 * settings), so a newly verified farm can sell before it has touched its settings.
 */
export const farmSettings = logistics.table(
  'farm_settings',
  {
    farmId: uuid('farm_id').primaryKey(),
    /** Weekdays the courier picks up at the farm, 0 = Sunday … 6 = Saturday (Asia/Seoul). */
    dispatchWeekdays: smallint('dispatch_weekdays').array().notNull(),
    /** Orders until this many minutes after Seoul midnight make that day's pick-up (840 = 14:00). */
    cutoffMinutes: integer('cutoff_minutes').notNull(),
    /** Boxes the farm can pack per dispatch day, across all areas. */
    dailyCapacity: integer('daily_capacity').notNull(),
    baseFee: integer('base_fee').notNull(),
    /** Goods from this amount ship free (null: never free). */
    freeFrom: integer('free_from'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('farm_settings_cutoff_range', sql`${table.cutoffMinutes} between 0 and 1380`),
    check('farm_settings_capacity_positive', sql`${table.dailyCapacity} between 0 and 100000`),
    check('farm_settings_fees', sql`${table.baseFee} >= 0 and (${table.freeFrom} is null or ${table.freeFrom} >= 0)`),
  ],
);

/** The hub's dawn-run capacity on one arrival date, where it differs from the service's default. */
export const hubCapacities = logistics.table(
  'hub_capacities',
  {
    hubId: text('hub_id').notNull(),
    deliveryDate: date('delivery_date', { mode: 'string' }).notNull(),
    capacity: integer('capacity').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.hubId, table.deliveryDate] }),
    check('hub_capacities_nonnegative', sql`${table.capacity} >= 0`),
  ],
);

/**
 * Boxes booked (held or confirmed) per farm and dispatch date. The booking statement adds to
 * it only while the result stays within the capacity it passes, in one conditional upsert, so
 * two checkouts racing for the last places cannot both win.
 */
export const farmDayCounters = logistics.table(
  'farm_day_counters',
  {
    farmId: uuid('farm_id').notNull(),
    dispatchDate: date('dispatch_date', { mode: 'string' }).notNull(),
    booked: integer('booked').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.farmId, table.dispatchDate] }),
    check('farm_day_counters_nonnegative', sql`${table.booked} >= 0`),
  ],
);

/** Boxes booked on the hub's dawn run per arrival date. */
export const hubDayCounters = logistics.table(
  'hub_day_counters',
  {
    hubId: text('hub_id').notNull(),
    deliveryDate: date('delivery_date', { mode: 'string' }).notNull(),
    booked: integer('booked').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.hubId, table.deliveryDate] }),
    check('hub_day_counters_nonnegative', sql`${table.booked} >= 0`),
  ],
);

/**
 * Days an admin closed: a typhoon, a courier strike. `dispatch` stops pick-ups (at one farm
 * when `farm_id` is set, else everywhere), `delivery` stops arrivals, `all` both.
 */
export const closures = logistics.table(
  'closures',
  {
    id: uuid('id').primaryKey(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    scope: text('scope').$type<ClosureScope>().notNull(),
    farmId: uuid('farm_id'),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (table) => [
    check('closures_range', sql`${table.startsOn} <= ${table.endsOn}`),
    check('closures_scope_known', sql`${table.scope} in ('dispatch', 'delivery', 'all')`),
    check('closures_reason_length', sql`char_length(${table.reason}) between 1 and 200`),
  ],
);
