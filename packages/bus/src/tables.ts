import { sql } from 'drizzle-orm';
import {
  bigserial,
  getTableConfig,
  index,
  jsonb,
  type PgSchema,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Envelope } from './envelope.ts';

/**
 * The transactional outbox of one service, declared in that service's own Postgres schema.
 *
 * `seq` gives the relay a send order that follows insertion (UUIDv7 ids are time-ordered
 * too, but only to the millisecond and only per process). The partial index covers exactly
 * the rows the relay looks for, so it stays tiny however long the sent history grows.
 */
export function createOutboxTable(schema: PgSchema) {
  return schema.table(
    'outbox',
    {
      seq: bigserial('seq', { mode: 'number' }).notNull(),
      id: uuid('id').primaryKey(),
      stream: text('stream').notNull(),
      type: text('type').notNull(),
      envelope: jsonb('envelope').$type<Envelope>().notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      sentAt: timestamp('sent_at', { withTimezone: true }),
    },
    (table) => [index('outbox_unsent_idx').on(table.stream, table.seq).where(sql`${table.sentAt} is null`)],
  );
}

/**
 * The inbox of one consuming service: one row per (group, event) it has applied. Written in
 * the same transaction as the handler's effects, so "applied" and "recorded" commit together.
 */
export function createInboxTable(schema: PgSchema) {
  return schema.table(
    'inbox',
    {
      consumerGroup: text('consumer_group').notNull(),
      eventId: uuid('event_id').notNull(),
      handledAt: timestamp('handled_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (table) => [primaryKey({ columns: [table.consumerGroup, table.eventId] })],
  );
}

export type OutboxTable = ReturnType<typeof createOutboxTable>;
export type InboxTable = ReturnType<typeof createInboxTable>;

/**
 * The NOTIFY channel of an outbox, derived from its schema so the publisher and the relay
 * cannot disagree on it. Channel names are identifiers (max 63 bytes), like schema names.
 */
export function outboxChannel(outbox: OutboxTable): string {
  const { schema } = getTableConfig(outbox);
  return `${schema ?? 'public'}_outbox`;
}
