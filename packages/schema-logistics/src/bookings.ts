import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { logistics } from './namespace.ts';
import { createdAt } from './settings.ts';
import type { BookingStatus, DeliveryArea } from './values.ts';

/** The recipient as orders sent it at checkout: what the label prints. */
export interface BookingRecipient {
  name: string;
  phone: string;
  postcode: string;
  address1: string;
  address2: string;
  deliveryNote: string | null;
}

/** What is in the boxes, from OrderPaid: the packing list and the label's QR code read this. */
export interface BookingContents {
  orderNumber: string;
  lines: {
    lineId: string;
    productId: string;
    title: string;
    quantity: number;
    lots: { lotId: string; lotCode: string; quantity: number }[];
  }[];
}

/**
 * A delivery date held for one fulfilment at checkout (like a stock hold): `held` until the
 * order is paid (`confirmed`, which makes the shipment) or abandoned (`released`, `expired`).
 * Its boxes count in `farm_day_counters` (and `hub_day_counters` for dawn) while held or confirmed.
 */
export const bookings = logistics.table(
  'bookings',
  {
    id: uuid('id').primaryKey(),
    /** The caller's Idempotency-Key: a retried checkout finds its booking instead of booking twice. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** SHA-256 of the request body, so a reused key with a different body is refused. */
    requestHash: text('request_hash').notNull(),
    status: text('status').$type<BookingStatus>().notNull().default('held'),
    orderId: uuid('order_id').notNull(),
    fulfilmentId: uuid('fulfilment_id').notNull(),
    shopperId: uuid('shopper_id').notNull(),
    farmId: uuid('farm_id').notNull(),
    area: text('area').$type<DeliveryArea>().notNull(),
    /** The hub whose dawn run carries it (dawn only). */
    hubId: text('hub_id'),
    deliveryDate: date('delivery_date', { mode: 'string' }).notNull(),
    dispatchDate: date('dispatch_date', { mode: 'string' }).notNull(),
    promisedBy: timestamp('promised_by', { withTimezone: true }).notNull(),
    boxes: integer('boxes').notNull(),
    surcharge: integer('surcharge').notNull(),
    recipient: jsonb('recipient').$type<BookingRecipient>().notNull(),
    /** Filled from OrderPaid. */
    contents: jsonb('contents').$type<BookingContents>(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('bookings_idempotency_key_key').on(table.idempotencyKey),
    index('bookings_order_idx').on(table.orderId),
    // The sweep reads only live bookings by expiry.
    index('bookings_live_expiry_idx').on(table.expiresAt).where(sql`${table.status} = 'held'`),
    index('bookings_farm_dispatch_idx').on(table.farmId, table.dispatchDate),
    check('bookings_status_known', sql`${table.status} in ('held', 'confirmed', 'released', 'expired')`),
    check('bookings_area_known', sql`${table.area} in ('dawn', 'parcel', 'jeju', 'remote')`),
    check('bookings_boxes_positive', sql`${table.boxes} > 0`),
    check('bookings_surcharge_nonnegative', sql`${table.surcharge} >= 0`),
  ],
);
