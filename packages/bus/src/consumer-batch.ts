import type { Executor } from '@fruitables/db';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { EventCatalogue } from './catalogue.ts';
import { acknowledge } from './consumer-ack.ts';
import type { DeliveredEntry } from './consumer-claims.ts';
import type { DecodedEntry, EntryProcessor } from './consumer-entry.ts';
import type { BusMetrics } from './metrics.ts';
import { splitByKey } from './partitioned.ts';
import type { RedisClient } from './redis.ts';
import type { InboxTable } from './tables.ts';

export interface BatchApplierOptions<C extends EventCatalogue, TSchema extends Record<string, unknown>> {
  processor: EntryProcessor<C, TSchema>;
  db: Executor<TSchema>;
  inbox: InboxTable;
  redis: RedisClient;
  group: string;
  logger: Logger;
  metrics: BusMetrics;
  /** Transactions a batch is split into, by aggregate; they run at the same time. */
  concurrency: number;
  isStopping: () => boolean;
}

interface Together<C extends EventCatalogue, TSchema extends Record<string, unknown>> {
  applied: { item: DecodedEntry<C, TSchema>; seconds: number }[];
  duplicates: DecodedEntry<C, TSchema>[];
}

/**
 * Applies a batch of delivered entries with one transaction (and one XACK) per part rather
 * than per entry: per-entry transactions (BEGIN, inbox insert, handler, COMMIT, XACK each
 * time), not the handlers, were what held a consumer to ~800 events/s.
 *
 * The batch is split by aggregate into up to `concurrency` parts, so one aggregate's events
 * stay in one part, in stream order, and parts commit independently. A part inserts all its
 * inbox rows in one `ON CONFLICT DO NOTHING` statement (sorted by id, so two consumers racing
 * on the same events lock them in the same order and cannot deadlock on the inbox), runs the
 * handlers of the rows it inserted one after another in stream order (never interleaved: a
 * handler may read what it then writes, and within one transaction no lock would protect
 * that), commits, then acknowledges everything. Rows that already existed are earlier
 * applications: skipped, as in the one-by-one path.
 *
 * If anything in a part throws (a handler, a deadlock between parts whose handlers touch
 * the same rows, the database), the part's transaction rolled back as a whole, so nothing
 * of it was applied; its entries are then applied one by one through the per-entry path
 * with its retries, backoff and dead-lettering. The entry whose handler threw has had its
 * attempt and goes straight to the retry (or dead-letter) path. One poison event therefore
 * costs its neighbours a second, one-by-one attempt, never a lost or doubled effect, nor a
 * dead letter. Handlers may run more than once; only their effects through `tx` are exactly once.
 */
export function createBatchApplier<C extends EventCatalogue, TSchema extends Record<string, unknown>>(
  options: BatchApplierOptions<C, TSchema>,
): (delivered: readonly DeliveredEntry[]) => Promise<void> {
  const { processor, group, metrics, logger } = options;

  async function applyTogether(
    items: readonly DecodedEntry<C, TSchema>[],
    blame: (item: DecodedEntry<C, TSchema>) => void,
  ): Promise<Together<C, TSchema>> {
    return options.db.transaction(async (tx) => {
      const ids = [...new Set(items.map((item) => item.event.id.toLowerCase()))].sort();
      const column = (name: keyof InboxTable['_']['columns']) => sql.identifier(options.inbox[name].name);
      // One statement and one JSON parameter whatever the batch size (no bind-parameter limit,
      // little to build); rows go in in the sorted order of the array.
      const claimed = await tx.execute<{ event_id: string }>(sql`
        insert into ${options.inbox} (${column('consumerGroup')}, ${column('eventId')})
        select ${group}, claimed.id::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::text::jsonb) as claimed (id)
        on conflict do nothing
        returning ${column('eventId')} as event_id`);
      const fresh = new Set(claimed.map((row) => row.event_id.toLowerCase()));
      const together: Together<C, TSchema> = { applied: [], duplicates: [] };
      for (const item of items) {
        // delete, not has: a second copy of an event in the same batch is a duplicate too.
        if (!fresh.delete(item.event.id.toLowerCase())) {
          together.duplicates.push(item);
          continue;
        }
        const startedAt = performance.now();
        try {
          await item.handler(item.event, tx);
        } catch (error) {
          blame(item);
          throw error;
        }
        together.applied.push({ item, seconds: (performance.now() - startedAt) / 1000 });
      }
      return together;
    });
  }

  async function applyPart(items: readonly DecodedEntry<C, TSchema>[]): Promise<void> {
    if (options.isStopping()) return;
    const [only] = items;
    if (items.length === 1 && only) {
      await processor.applyAlone(only);
      return;
    }
    let together: Together<C, TSchema>;
    let culprit: DecodedEntry<C, TSchema> | undefined;
    try {
      together = await applyTogether(items, (item) => {
        culprit = item;
      });
    } catch (error) {
      logger.info({ err: error, entries: items.length }, 'batch rolled back, applying its entries one by one');
      for (const item of items) {
        // A stop leaves the rest pending: reclaimed later, and the inbox makes that safe.
        if (options.isStopping()) return;
        // The entry whose handler threw has had its attempt: running it again at once would
        // make a poison event cost one handler call more than its delivery count says.
        if (item === culprit) await processor.fail(item, error);
        else await processor.applyAlone(item);
      }
      return;
    }
    for (const { item, seconds } of together.applied) {
      metrics.handlerDuration.observe({ group, type: item.event.type, outcome: 'handled' }, seconds);
      metrics.eventsHandled.inc({ group, type: item.event.type, outcome: 'handled' });
    }
    for (const { event } of together.duplicates)
      metrics.eventsHandled.inc({ group, type: event.type, outcome: 'duplicate' });
    processor.reportApplied(together.applied.map(({ item }) => item.event));
    await acknowledge(
      options.redis,
      group,
      items.map((item) => item.entry),
      logger,
    );
  }

  return async (delivered) => {
    const toApply: DecodedEntry<C, TSchema>[] = [];
    const ignored: { entry: DeliveredEntry['entry']; type: string }[] = [];
    for (const { entry, deliveryCount } of delivered) {
      const decoded = processor.decode(entry, deliveryCount);
      if (decoded.kind === 'apply') toApply.push(decoded.item);
      else if (decoded.kind === 'ignore') ignored.push(decoded);
      // Nothing a retry could fix: straight to the dead-letter stream.
      else await processor.process(entry, deliveryCount);
    }
    await processor.ignore(ignored);
    const parts = splitByKey(toApply, options.concurrency, (item) => item.event.aggregateId);
    // allSettled, not all: when one part fails the others still finish before the caller
    // moves on, so no handler is left running behind the loop's back.
    const results = await Promise.allSettled(parts.map(applyPart));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  };
}
