import type { Executor } from '@fruitables/db';
import type { Logger } from 'pino';
import type { EventCatalogue, EventEnvelope } from './catalogue.ts';
import { createBatchApplier } from './consumer-batch.ts';
import { type ClaimContext, claimAbandoned, claimDueRetries } from './consumer-claims.ts';
import { createEntryProcessor, type EventHandlers } from './consumer-entry.ts';
import { refreshConsumerGauges } from './consumer-gauges.ts';
import { ensureGroup } from './consumer-groups.ts';
import type { BusMetrics } from './metrics.ts';
import { closeRedis, isNoGroupError, openRedis, type RedisClient, type RedisConnection } from './redis.ts';
import { type Backoff, exponentialBackoff, RetrySchedule } from './retry-schedule.ts';
import { entriesOfRead } from './stream-entries.ts';
import type { InboxTable } from './tables.ts';
import { createWakeup } from './wakeup.ts';

export interface ConsumerOptions<C extends EventCatalogue, TSchema extends Record<string, unknown>> {
  /** The consumer opens two connections of its own: one blocked in XREADGROUP, one for everything else. */
  redis: RedisConnection;
  streams: string[];
  group: string;
  /** Unique per process (e.g. the pod name): Redis tracks pending entries per consumer name. */
  consumerName: string;
  catalogue: C;
  handlers: EventHandlers<C, TSchema>;
  db: Executor<TSchema>;
  inbox: InboxTable;
  logger: Logger;
  metrics: BusMetrics;
  /** XREADGROUP BLOCK; also bounds how long stop() waits for an idle read. Must stay under 5000. */
  blockMs?: number;
  /** Entries per read (XREADGROUP / XAUTOCLAIM COUNT). */
  batchSize?: number;
  /**
   * Transactions one read batch is split into, by aggregate, and run at the same time
   * (default 1: the whole batch in one transaction). An aggregate's events always stay in
   * one transaction, in stream order. More than one helps when handlers wait on something
   * other than this process's CPU; give the db pool at least this many connections.
   */
  concurrency?: number;
  /** Deliveries (first one included) before an entry whose handler keeps throwing is dead-lettered. */
  maxAttempts?: number;
  backoff?: Backoff;
  /** Pending entries idle this long are presumed abandoned by a dead consumer and reclaimed. */
  claimIdleMs?: number;
  /** How often to look for abandoned entries and refresh the lag gauges. */
  claimIntervalMs?: number;
  deadLetterStream?: string;
  /**
   * Called with the events a transaction applied, right after it committed (never for
   * duplicates or ignored types): a hook for measuring end-to-end latency. Must not throw.
   */
  onApplied?: (events: readonly EventEnvelope<C>[]) => void;
}

export interface Consumer {
  /** Connects, creates the groups and starts consuming; resolves once the groups exist. */
  start(): Promise<void>;
  /** Finishes the entries in progress, leaves the rest of the batch pending (to be reclaimed), and returns. */
  stop(): Promise<void>;
  isRunning(): boolean;
}

// node-redis's default command timeout (commandOptions.timeout = 5000 ms).
const NODE_REDIS_COMMAND_TIMEOUT_MS = 5000;
const ERROR_PAUSE_MS = 1000;

/**
 * A consumer-group loop: read new entries, apply them exactly once through the inbox in one
 * transaction per batch (see `consumer-batch.ts`), acknowledge after commit; periodically
 * reclaim entries abandoned by dead consumers; retry failures with backoff and dead-letter
 * them after `maxAttempts`; recreate the group if the stream or group disappears.
 */
export function createConsumer<C extends EventCatalogue, TSchema extends Record<string, unknown>>(
  options: ConsumerOptions<C, TSchema>,
): Consumer {
  const { streams, group, consumerName, metrics } = options;
  const blockMs = options.blockMs ?? 2000;
  const batchSize = options.batchSize ?? 10;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const claimIdleMs = options.claimIdleMs ?? 30_000;
  const claimIntervalMs = options.claimIntervalMs ?? Math.min(10_000, Math.max(100, Math.floor(claimIdleMs / 2)));
  const deadLetterStream = options.deadLetterStream ?? `${group}:dead-letter`;
  // Why BLOCK must stay below 5 s, and why the reader has a connection to itself: node-redis
  // pipelines every command on one socket, so a command sent on a connection that is blocked
  // in XREADGROUP waits behind the BLOCK; sharing it would delay every XACK by up to blockMs.
  // Measured with redis@6.3.1, the default 5 s command timeout only runs until a command is
  // written, so it does not fire on a long BLOCK today; keeping BLOCK under it means a client
  // whose timeout covers the whole round trip (another version, or a factory's own options)
  // still never sees an idle read as a timeout. A short BLOCK also lets stop() return promptly.
  if (blockMs <= 0 || blockMs >= NODE_REDIS_COMMAND_TIMEOUT_MS) {
    throw new RangeError(`blockMs must be between 1 and ${NODE_REDIS_COMMAND_TIMEOUT_MS - 1}, got ${blockMs}`);
  }
  if (streams.length === 0) throw new RangeError('a consumer needs at least one stream');
  const logger = options.logger.child({ component: 'bus-consumer', group, consumer: consumerName });
  const retries = new RetrySchedule();
  const pause = createWakeup();
  let reader: RedisClient | undefined;
  let commands: RedisClient | undefined;
  let loop: Promise<void> | undefined;
  let stopping = false;
  let running = false;
  let nextMaintenanceAt = 0;

  async function ensureGroups(redis: RedisClient): Promise<void> {
    for (const stream of streams) await ensureGroup(redis, stream, group);
  }

  function blockFor(): number {
    const wakeAt = Math.min(nextMaintenanceAt, retries.nextDueAt() ?? Number.POSITIVE_INFINITY);
    // BLOCK 0 means "forever" to Redis; never send it.
    return Math.max(1, Math.min(blockMs, wakeAt - Date.now()));
  }

  async function run(readFrom: RedisClient, redis: RedisClient): Promise<void> {
    const processor = createEntryProcessor({
      ...options,
      logger,
      redis,
      deadLetterStream,
      maxAttempts: options.maxAttempts ?? 5,
      backoff: options.backoff ?? exponentialBackoff(),
      scheduleRetry: (entry, delayMs) => retries.add(entry, delayMs),
    });
    const applyBatch = createBatchApplier({
      processor,
      db: options.db,
      inbox: options.inbox,
      redis,
      group,
      logger,
      metrics,
      concurrency,
      isStopping: () => stopping,
    });
    const claims: ClaimContext = {
      redis,
      group,
      consumerName,
      logger,
      handle: applyBatch,
      isStopping: () => stopping,
    };
    const reads = streams.map((key) => ({ key, id: '>' }));
    while (!stopping) {
      try {
        if (Date.now() >= nextMaintenanceAt) {
          await claimAbandoned(claims, streams, { minIdleMs: claimIdleMs, count: batchSize });
          await refreshConsumerGauges(redis, metrics, { streams, group, deadLetterStream });
          nextMaintenanceAt = Date.now() + claimIntervalMs;
        }
        await claimDueRetries(claims, retries.takeDue());
        if (stopping) break;
        const reply = await readFrom.xReadGroup(group, consumerName, reads, { COUNT: batchSize, BLOCK: blockFor() });
        // A `>` read is always an entry's first delivery.
        await applyBatch(entriesOfRead(reply).map((entry) => ({ entry, deliveryCount: 1 })));
      } catch (error) {
        if (isNoGroupError(error)) {
          logger.warn({ err: error }, 'stream or group missing, recreating group');
          await ensureGroups(redis).catch((cause: unknown) => logger.error({ err: cause }, 'recreating group failed'));
          continue;
        }
        logger.error({ err: error }, 'consumer loop failed');
        await pause.sleep(ERROR_PAUSE_MS);
      }
    }
  }

  return {
    async start() {
      if (loop) return;
      const onError = (error: unknown) => logger.warn({ err: error }, 'redis connection error');
      commands = await openRedis(options.redis, onError);
      try {
        reader = await openRedis(options.redis, onError);
        await ensureGroups(commands);
      } catch (error) {
        await Promise.all([reader, commands].map((client) => (client ? closeRedis(client) : undefined)));
        reader = undefined;
        commands = undefined;
        throw error;
      }
      stopping = false;
      running = true;
      nextMaintenanceAt = 0;
      loop = run(reader, commands).finally(() => {
        running = false;
      });
      logger.info({ streams }, 'consumer started');
    },
    async stop() {
      if (!loop) return;
      stopping = true;
      pause.wake();
      await loop;
      loop = undefined;
      await Promise.all([reader, commands].map((client) => (client ? closeRedis(client) : undefined)));
      reader = undefined;
      commands = undefined;
      logger.info('consumer stopped');
    },
    isRunning: () => running,
  };
}
