import { bigserial, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createInboxTable, createOutboxTable } from '../tables.ts';

/**
 * The bus's own test context: an outbox and inbox like a service's, plus `effects`, where
 * test handlers record each application of an event. `effects` deliberately has no unique
 * key on `event_id`, so a handler that runs twice leaves two rows instead of being hidden.
 */
// Not exported: drizzle-kit emits CREATE SCHEMA for exported schemas, but the migrate runner
// already created it (owned by the context's role), and a second CREATE would fail.
const busFixture = pgSchema('bus_fixture');

export const outbox = createOutboxTable(busFixture);
export const inbox = createInboxTable(busFixture);

export const effects = busFixture.table('effects', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  eventId: uuid('event_id').notNull(),
  consumer: text('consumer').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});
