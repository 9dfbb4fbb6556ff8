import { sql } from 'drizzle-orm';
import { check, date, index, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bookings } from './bookings.ts';
import { logistics } from './namespace.ts';
import { createdAt } from './settings.ts';
import type { CarrierId, ShipmentStatus } from './values.ts';

/** One paid fulfilment's boxes on their way: made when its booking is confirmed. */
export const shipments = logistics.table(
  'shipments',
  {
    id: uuid('id').primaryKey(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => bookings.id),
    orderId: uuid('order_id').notNull(),
    fulfilmentId: uuid('fulfilment_id').notNull(),
    farmId: uuid('farm_id').notNull(),
    shopperId: uuid('shopper_id').notNull(),
    status: text('status').$type<ShipmentStatus>().notNull().default('booked'),
    carrierId: text('carrier_id').$type<CarrierId>(),
    trackingNumber: text('tracking_number'),
    dispatchDate: date('dispatch_date', { mode: 'string' }).notNull(),
    deliveryDate: date('delivery_date', { mode: 'string' }).notNull(),
    promisedBy: timestamp('promised_by', { withTimezone: true }).notNull(),
    packingStartedAt: timestamp('packing_started_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /** When ShipmentLate was announced (once). */
    lateAt: timestamp('late_at', { withTimezone: true }),
    /** Polling the courier: when next, and how many polls in a row failed (backoff). */
    nextPollAt: timestamp('next_poll_at', { withTimezone: true }),
    pollFailures: integer('poll_failures').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('shipments_booking_key').on(table.bookingId),
    index('shipments_order_idx').on(table.orderId),
    index('shipments_farm_dispatch_idx').on(table.farmId, table.dispatchDate),
    // The live-tracking feed reads what changed since its last look.
    index('shipments_updated_idx').on(table.updatedAt),
    uniqueIndex('shipments_tracking_key').on(table.carrierId, table.trackingNumber),
    index('shipments_poll_idx').on(table.nextPollAt).where(sql`${table.nextPollAt} is not null`),
    check(
      'shipments_status_known',
      sql`${table.status} in ('booked', 'at_pickup', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'cancelled')`,
    ),
    check('shipments_tracking_pair', sql`(${table.carrierId} is null) = (${table.trackingNumber} is null)`),
  ],
);

/** The shipment's timeline: the farmer's hand-over and every courier event, each once. */
export const shipmentEvents = logistics.table(
  'shipment_events',
  {
    id: uuid('id').primaryKey(),
    shipmentId: uuid('shipment_id')
      .notNull()
      .references(() => shipments.id),
    status: text('status').$type<ShipmentStatus>().notNull(),
    description: text('description').notNull(),
    location: text('location'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    // A courier event seen again (a re-poll, a webhook after a poll) is recorded once.
    uniqueIndex('shipment_events_dedupe_key').on(table.shipmentId, table.occurredAt, table.status, table.description),
    index('shipment_events_shipment_idx').on(table.shipmentId, table.occurredAt),
  ],
);
