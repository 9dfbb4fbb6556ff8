import type { Executor, Postgres } from '@fruitables/db';
import type { Logger } from 'pino';
import type { BusMetrics } from './metrics.ts';
import type { RedisClient } from './redis.ts';
import { createBacklogGauges, type PassResult } from './relay-backlog.ts';
import { type RelayedRow, relayBatch } from './relay-batch.ts';
import { type OutboxTable, outboxChannel } from './tables.ts';
import { createWakeup } from './wakeup.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface OutboxRelayOptions<TSchema extends Record<string, unknown>> {
  /** postgres.js client, used only for LISTEN (it keeps a dedicated connection for that). */
  sql: Postgres;
  db: Executor<TSchema>;
  outbox: OutboxTable;
  /** NOTIFY channel; defaults to the one `publishEvent` uses for this outbox. */
  channel?: string;
  redis: RedisClient;
  /** The stream this relay feeds; it sends only the outbox rows addressed to it. */
  stream: string;
  logger: Logger;
  metrics: BusMetrics;
  /**
   * Longest sleep when idle: the idle poll backs off to this, and it bounds how late an
   * event is when no NOTIFY arrives (lost connection, or a producer that saw rows waiting
   * and skipped its NOTIFY). Default 1000.
   */
  pollIntervalMs?: number;
  /** Sleep between passes while rows keep coming (default 10): the latency a busy relay adds. */
  busyPollMs?: number;
  batchSize?: number;
  /** Test seam: runs between XADD and marking rows sent. Throwing simulates a relay crash there. */
  beforeMarkSent?: (rows: RelayedRow[]) => Promise<void> | void;
}

export interface OutboxRelay {
  start(): Promise<void>;
  /** Finishes the pass in progress, stops listening and returns. */
  stop(): Promise<void>;
  /** Between start() and stop(): what readiness asks. */
  isRunning(): boolean;
}

/**
 * Moves committed outbox rows to the service's stream.
 *
 * While rows keep coming it polls the outbox's partial index every `busyPollMs` and does
 * not react to NOTIFY: one pass per interval sends whatever committed meanwhile in one
 * transaction, instead of one pass per producer commit. After a pass that found nothing
 * the sleep doubles up to `pollIntervalMs`, and then a NOTIFY cuts it short. Producers
 * notify only when they see no unsent row (see `publishEvents`), so an idle relay wakes
 * at once and a busy one is not bothered. A lost notification delays an event by at most
 * one idle poll and never loses it.
 */
export function createOutboxRelay<TSchema extends Record<string, unknown>>(
  options: OutboxRelayOptions<TSchema>,
): OutboxRelay {
  const { db, outbox, stream, metrics } = options;
  const channel = options.channel ?? outboxChannel(outbox);
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const busyPollMs = Math.min(options.busyPollMs ?? 10, pollIntervalMs);
  const batchSize = options.batchSize ?? 200;
  const logger = options.logger.child({ component: 'outbox-relay', stream });
  const wakeup = createWakeup();
  let stopping = false;
  let loop: Promise<void> | undefined;
  let unlisten: (() => Promise<void>) | undefined;

  const updateBacklog = createBacklogGauges({ db, outbox, stream, metrics, batchSize, logger });

  async function run(): Promise<void> {
    let idleSleepMs = busyPollMs;
    while (!stopping) {
      let pass: PassResult = 'failed';
      // Whatever was notified so far is visible to the pass below; only later wakes count.
      wakeup.clear();
      try {
        pass = await relayBatch({
          db,
          outbox,
          stream,
          redis: options.redis,
          batchSize,
          ...(options.beforeMarkSent ? { beforeMarkSent: options.beforeMarkSent } : {}),
        });
        if (pass) metrics.eventsPublished.inc({ stream }, pass);
      } catch (error) {
        logger.error({ err: error }, 'outbox relay pass failed');
      }
      await updateBacklog(pass);
      // A full batch means more rows are probably waiting: go again without sleeping.
      if (pass === batchSize) continue;
      if (typeof pass === 'number' && pass > 0) {
        // Busy: not woken by NOTIFY, so producers' commits are sent a pass at a time.
        idleSleepMs = busyPollMs;
        await sleep(busyPollMs);
      } else {
        idleSleepMs = Math.min(idleSleepMs * 2, pollIntervalMs);
        await wakeup.sleep(idleSleepMs);
      }
    }
  }

  return {
    async start() {
      if (loop) return;
      stopping = false;
      // onlisten also fires after postgres.js re-establishes the LISTEN connection; a pass
      // then picks up anything committed while notifications could not arrive.
      const listening = await options.sql.listen(
        channel,
        () => wakeup.wake(),
        () => wakeup.wake(),
      );
      unlisten = () => listening.unlisten();
      logger.info({ channel }, 'outbox relay started');
      loop = run();
    },
    async stop() {
      if (!loop) return;
      stopping = true;
      wakeup.wake();
      await loop;
      loop = undefined;
      await unlisten?.().catch((error: unknown) => logger.warn({ err: error }, 'outbox relay unlisten failed'));
      logger.info('outbox relay stopped');
    },
    isRunning: () => loop !== undefined && !stopping,
  };
}
