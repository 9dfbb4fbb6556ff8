import type { Executor } from '@fruitables/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { BusMetrics } from './metrics.ts';
import type { OutboxTable } from './tables.ts';

const COUNT_LONG_BACKLOG_EVERY_MS = 1000;

/** What one relay pass did: rows sent, `null` when another replica holds the lock, or `failed`. */
export type PassResult = number | null | 'failed';

/**
 * Keeps the relay's backlog gauges (unsent rows, age of the oldest) current without a query
 * after every pass of a busy relay.
 *
 * A pass that sent fewer rows than it could saw every committed unsent row of the stream
 * and sent them all, so as of its snapshot there is no backlog: the gauges drop to 0 with no
 * query. Otherwise (a full batch, a failing pass, e.g. with Redis down, where the backlog
 * must show, or another replica relaying) the outbox is counted; a count costs as much as
 * the backlog is long, so a long backlog is counted at most once a second.
 */
export function createBacklogGauges<TSchema extends Record<string, unknown>>(options: {
  db: Executor<TSchema>;
  outbox: OutboxTable;
  stream: string;
  metrics: BusMetrics;
  batchSize: number;
  logger: Logger;
}): (pass: PassResult) => Promise<void> {
  const { db, outbox, stream, metrics, batchSize } = options;
  let lastUnsent = 0;
  let nextCountAt = 0;

  function set(unsent: number, oldestSeconds: number): void {
    metrics.outboxUnsent.set({ stream }, unsent);
    metrics.outboxOldestUnsentSeconds.set({ stream }, oldestSeconds);
    lastUnsent = unsent;
  }

  async function count(): Promise<void> {
    const [lag] = await db
      .select({
        unsent: sql<number>`count(*)::int`,
        oldestSeconds: sql<number>`coalesce(extract(epoch from now() - min(${outbox.createdAt})), 0)::float8`,
      })
      .from(outbox)
      .where(and(isNull(outbox.sentAt), eq(outbox.stream, stream)));
    set(lag?.unsent ?? 0, lag?.oldestSeconds ?? 0);
  }

  return async (pass) => {
    if (typeof pass === 'number' && pass < batchSize) {
      set(0, 0);
      return;
    }
    if (lastUnsent > 2 * batchSize && Date.now() < nextCountAt) return;
    nextCountAt = Date.now() + COUNT_LONG_BACKLOG_EVERY_MS;
    await count().catch((error: unknown) => options.logger.warn({ err: error }, 'outbox backlog count failed'));
  };
}
