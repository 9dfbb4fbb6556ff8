import type { Executor } from '@fruitables/db';
import type { Logger } from 'pino';
import type { EventCatalogue, EventEnvelope, EventType } from './catalogue.ts';
import { acknowledge } from './consumer-ack.ts';
import { sendToDeadLetter } from './dead-letter.ts';
import { decodeEnvelope } from './decode.ts';
import { ENVELOPE_FIELD } from './envelope.ts';
import { decideOnFailure } from './failure-policy.ts';
import type { BusMetrics } from './metrics.ts';
import type { RedisClient } from './redis.ts';
import type { Backoff } from './retry-schedule.ts';
import type { StreamEntry } from './stream-entries.ts';
import type { InboxTable } from './tables.ts';

export type EventHandler<C extends EventCatalogue, T extends EventType<C>, TSchema extends Record<string, unknown>> = (
  event: EventEnvelope<C, T>,
  tx: Executor<TSchema>,
) => Promise<void>;

/** Handlers by event type. Types without a handler are acknowledged and skipped: this group does not care. */
export type EventHandlers<C extends EventCatalogue, TSchema extends Record<string, unknown>> = {
  [T in EventType<C>]?: EventHandler<C, T, TSchema>;
};

export type AnyHandler<C extends EventCatalogue, TSchema extends Record<string, unknown>> = (
  event: EventEnvelope<C>,
  tx: Executor<TSchema>,
) => Promise<void>;

export type EntryOutcome = 'handled' | 'duplicate' | 'ignored' | 'dead-lettered' | 'retry-scheduled';

/** A delivered entry whose envelope decoded, with the handler that applies it. */
export interface DecodedEntry<C extends EventCatalogue, TSchema extends Record<string, unknown>> {
  entry: StreamEntry;
  /** How many times Redis has delivered it: the attempt number. */
  deliveryCount: number;
  event: EventEnvelope<C>;
  handler: AnyHandler<C, TSchema>;
}

export interface EntryProcessorOptions<C extends EventCatalogue, TSchema extends Record<string, unknown>> {
  group: string;
  consumerName: string;
  catalogue: C;
  handlers: EventHandlers<C, TSchema>;
  db: Executor<TSchema>;
  inbox: InboxTable;
  /** The consumer's command connection (never the one blocked in XREADGROUP). */
  redis: RedisClient;
  logger: Logger;
  metrics: BusMetrics;
  maxAttempts: number;
  backoff: Backoff;
  deadLetterStream: string;
  scheduleRetry: (entry: StreamEntry, delayMs: number) => void;
  onApplied?: (events: readonly EventEnvelope<C>[]) => void;
}

/** What `decode` makes of an entry: something to apply, a type this group ignores, or a dead letter. */
export type DecodedDelivery<C extends EventCatalogue, TSchema extends Record<string, unknown>> =
  | { kind: 'apply'; item: DecodedEntry<C, TSchema> }
  | { kind: 'ignore'; entry: StreamEntry; type: string }
  | { kind: 'invalid'; entry: StreamEntry; deliveryCount: number; reason: string; message: string };

export interface EntryProcessor<C extends EventCatalogue, TSchema extends Record<string, unknown>> {
  decode(entry: StreamEntry, deliveryCount: number): DecodedDelivery<C, TSchema>;
  /** Decodes one entry and finishes it alone: applied, acknowledged, retried or dead-lettered. */
  process(entry: StreamEntry, deliveryCount: number): Promise<EntryOutcome>;
  /** Applies one decoded event in a transaction of its own; a failure goes to `fail`. */
  applyAlone(item: DecodedEntry<C, TSchema>): Promise<EntryOutcome>;
  /**
   * Counts a failed attempt at applying `item` (whose transaction rolled back): dead-letters it
   * at once when the handler rejected the event itself (see failure-policy.ts), otherwise
   * schedules a retry with backoff, or dead-letters it once delivered `maxAttempts` times.
   */
  fail(item: DecodedEntry<C, TSchema>, error: unknown): Promise<EntryOutcome>;
  /** Acknowledges entries of types this group has no handler for. */
  ignore(entries: readonly { entry: StreamEntry; type: string }[]): Promise<void>;
  /** Reports committed events to `onApplied`; a throwing hook is logged, never taken for a failed apply. */
  reportApplied(events: readonly EventEnvelope<C>[]): void;
}

/**
 * Handles delivered entries one at a time: decode, apply exactly once, acknowledge. The
 * consumer's batch path (`consumer-batch.ts`) falls back to this when a batch fails.
 *
 * The inbox row is inserted first in the handler's own transaction. If it already exists
 * the event was applied by an earlier delivery (a crash after commit but before XACK, a
 * relay re-send, a slow consumer whose entry was reclaimed): the handler is skipped and the
 * entry only acknowledged. If two consumers race on one event, the second insert waits on
 * the first's row lock and then finds it, so effects still happen once.
 */
export function createEntryProcessor<C extends EventCatalogue, TSchema extends Record<string, unknown>>(
  options: EntryProcessorOptions<C, TSchema>,
): EntryProcessor<C, TSchema> {
  const { group, consumerName, redis, metrics, logger } = options;
  // Widening the handler map to "any event" is safe: decodeEnvelope only lets through an
  // envelope whose data was parsed by the schema of its own type.
  const handlers = options.handlers as Partial<Record<string, AnyHandler<C, TSchema>>>;

  async function deadLetter(
    entry: StreamEntry,
    reason: string,
    error: string,
    attempts: number,
  ): Promise<EntryOutcome> {
    await sendToDeadLetter(redis, options.deadLetterStream, {
      entry,
      group,
      consumer: consumerName,
      reason,
      error,
      attempts,
    });
    metrics.deadLettered.inc({ stream: entry.stream, group, reason });
    logger.warn({ stream: entry.stream, entryId: entry.id, reason, error, attempts }, 'entry dead-lettered');
    return 'dead-lettered';
  }

  const processor: EntryProcessor<C, TSchema> = {
    decode(entry, deliveryCount) {
      const decoded = decodeEnvelope(options.catalogue, entry.fields[ENVELOPE_FIELD]);
      if (!decoded.ok)
        return { kind: 'invalid', entry, deliveryCount, reason: decoded.reason, message: decoded.message };
      const { event } = decoded;
      const handler = handlers[event.type];
      if (!handler) return { kind: 'ignore', entry, type: event.type };
      return { kind: 'apply', item: { entry, deliveryCount, event, handler } };
    },

    async process(entry, deliveryCount) {
      const decoded = processor.decode(entry, deliveryCount);
      if (decoded.kind === 'invalid') return deadLetter(entry, decoded.reason, decoded.message, deliveryCount);
      if (decoded.kind === 'ignore') {
        await processor.ignore([decoded]);
        return 'ignored';
      }
      return processor.applyAlone(decoded.item);
    },

    async fail({ entry, deliveryCount, event }, error) {
      metrics.handlerFailures.inc({ group, type: event.type });
      const decision = decideOnFailure(error);
      if (decision.action === 'dead-letter') return deadLetter(entry, decision.reason, decision.error, deliveryCount);
      if (deliveryCount >= options.maxAttempts)
        return deadLetter(entry, 'handler-failed', decision.error, deliveryCount);
      const delayMs = Math.max(options.backoff(deliveryCount), decision.minDelayMs);
      logger.warn(
        { err: error, stream: entry.stream, entryId: entry.id, type: event.type, attempt: deliveryCount, delayMs },
        'handler failed, will retry',
      );
      options.scheduleRetry(entry, delayMs);
      return 'retry-scheduled';
    },

    async applyAlone(item) {
      const { entry, event, handler } = item;
      const stopTimer = metrics.handlerDuration.startTimer({ group, type: event.type });
      let outcome: EntryOutcome;
      try {
        const applied = await options.db.transaction(async (tx) => {
          const claimed = await tx
            .insert(options.inbox)
            .values({ consumerGroup: group, eventId: event.id })
            .onConflictDoNothing()
            .returning({ eventId: options.inbox.eventId });
          if (claimed.length === 0) return false;
          await handler(event, tx);
          return true;
        });
        outcome = applied ? 'handled' : 'duplicate';
      } catch (error) {
        stopTimer({ outcome: 'failed' });
        return processor.fail(item, error);
      }
      stopTimer({ outcome });
      metrics.eventsHandled.inc({ group, type: event.type, outcome });
      if (outcome === 'handled') processor.reportApplied([event]);
      await acknowledge(redis, group, [entry], logger);
      return outcome;
    },

    async ignore(entries) {
      if (entries.length === 0) return;
      await acknowledge(
        redis,
        group,
        entries.map(({ entry }) => entry),
        logger,
      );
      for (const { type } of entries) metrics.eventsHandled.inc({ group, type, outcome: 'ignored' });
    },

    reportApplied(events) {
      if (!options.onApplied || events.length === 0) return;
      try {
        options.onApplied(events);
      } catch (error) {
        logger.warn({ err: error }, 'onApplied hook failed');
      }
    },
  };
  return processor;
}
