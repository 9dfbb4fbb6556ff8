import type { Executor } from '@fruitables/db';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { ENVELOPE_FIELD } from './envelope.ts';
import type { RedisClient } from './redis.ts';
import { type OutboxTable, outboxChannel } from './tables.ts';

/** Rows one relay pass handed to Redis, passed to the test seam that runs before they are marked sent. */
export interface RelayedRow {
  id: string;
  seq: number;
  streamId: string;
}

export interface RelayBatchOptions<TSchema extends Record<string, unknown>> {
  db: Executor<TSchema>;
  outbox: OutboxTable;
  stream: string;
  redis: RedisClient;
  batchSize: number;
  /** Runs after XADD returned and before `sent_at` is written; a throw here is a relay crash at the worst moment. */
  beforeMarkSent?: (rows: RelayedRow[]) => Promise<void> | void;
}

// The first half of the two-key advisory lock space is a constant for "outbox relay", so
// these locks never collide with the migrate lock or with another subsystem's keys.
const RELAY_LOCK_CLASS = 727_100_002;

/**
 * Sends the oldest unsent rows and marks them sent, in one transaction.
 *
 * Order of effects is the guarantee: XADD first, `sent_at` only after Redis acknowledged the
 * append, commit last. A crash anywhere before the commit leaves the rows unsent, so they
 * are sent again (at-least-once); the consumers' inbox absorbs the duplicate.
 *
 * Two relay replicas must not interleave batches (that would reorder a stream), so a pass
 * first takes a transaction-scoped advisory lock per (outbox, stream) and does nothing when
 * another replica holds it. `FOR UPDATE SKIP LOCKED` stays as the second line of defence:
 * a row locked by another transaction is never sent twice concurrently.
 *
 * @returns rows sent, or `null` when another replica is relaying right now.
 */
export async function relayBatch<TSchema extends Record<string, unknown>>(
  options: RelayBatchOptions<TSchema>,
): Promise<number | null> {
  const { db, outbox, stream, redis } = options;
  return db.transaction(async (tx) => {
    const lockKey = `${outboxChannel(outbox)}:${stream}`;
    const [lock] = await tx.execute<{ locked: boolean }>(
      sql`select pg_try_advisory_xact_lock(${RELAY_LOCK_CLASS}, hashtext(${lockKey})) as locked`,
    );
    if (!lock?.locked) return null;
    const rows = await tx
      .select({ id: outbox.id, seq: outbox.seq, envelope: outbox.envelope })
      .from(outbox)
      .where(and(isNull(outbox.sentAt), eq(outbox.stream, stream)))
      .orderBy(asc(outbox.seq))
      .limit(options.batchSize)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;
    // One MULTI: seq order on the stream and one round trip, and a consumer blocked in
    // XREADGROUP wakes to the whole pass rather than to its first entry (Redis serves blocked
    // readers after each command), so it applies the pass as one batch, not two. If any XADD
    // fails, exec throws and nothing is marked sent; those that succeeded are sent again.
    const multi = redis.multi();
    for (const row of rows) multi.xAdd(stream, '*', { [ENVELOPE_FIELD]: JSON.stringify(row.envelope) });
    const streamIds: unknown[] = await multi.exec();
    const relayed = rows.map((row, index) => ({ id: row.id, seq: row.seq, streamId: String(streamIds[index]) }));
    await options.beforeMarkSent?.(relayed);
    const ids = rows.map((row) => row.id);
    await tx.update(outbox).set({ sentAt: sql`now()` }).where(inArray(outbox.id, ids));
    return rows.length;
  });
}
