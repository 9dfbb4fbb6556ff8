import { shipments } from '@fruitables/schema-logistics';
import { asc, gt, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { LogisticsDb } from '../domain/context.ts';

/** Tells live-tracking streams which of their order's shipments changed. */
export interface LiveFeed {
  /** Calls `listener(shipmentId)` whenever a shipment of the order changes; returns the unsubscribe. */
  subscribe(orderId: string, listener: (shipmentId: string) => void): () => void;
  stop(): Promise<void>;
}

export interface LiveFeedOptions {
  db: LogisticsDb;
  logger: Logger;
  /** How often to look for changes while anyone watches (the event-to-browser delay is at most this, plus the query). */
  intervalMs: number;
}

// A transaction that stamped `updated_at` earlier may commit after a later one was seen: each
// look reaches this far back and skips what it already announced. (Replicas stamp with their
// own clocks, so their skew must stay well under this; NTP keeps it to milliseconds.)
const LOOKBACK_MS = 3_000;
// At 1,000 changes a second the window holds ~3,000 rows; this leaves room for bursts.
const MAX_ROWS_PER_LOOK = 20_000;

/**
 * ONE query per interval per replica, however many shoppers watch: the shipments changed since
 * the last look, fanned out to the streams of their orders. No pub/sub channel is needed (the
 * services' Redis users have none), and every replica sees every change, wherever it committed.
 * It looks only while someone is subscribed.
 */
export function createLiveFeed(options: LiveFeedOptions): LiveFeed {
  const listeners = new Map<string, Set<(shipmentId: string) => void>>();
  const announced = new Map<string, string>();
  let cursor: Date | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  /**
   * The shipments changed since the last look. A row's `xmin` (the transaction that last wrote
   * it) tells a new write from one already announced, even when two writes share a timestamp.
   * The first look only takes the high mark: watchers got their snapshot when they connected.
   */
  const look = async (announce: boolean) => {
    const since = cursor === undefined ? undefined : new Date(cursor.getTime() - LOOKBACK_MS);
    const changed = await options.db
      .select({
        id: shipments.id,
        orderId: shipments.orderId,
        updatedAt: shipments.updatedAt,
        version: sql<string>`${shipments}.xmin::text`,
      })
      .from(shipments)
      .where(
        since === undefined
          ? sql`${shipments.updatedAt} >= (select max(updated_at) from logistics.shipments) - interval '3 seconds'`
          : gt(shipments.updatedAt, since),
      )
      .orderBy(asc(shipments.updatedAt))
      .limit(MAX_ROWS_PER_LOOK);
    for (const change of changed) {
      if (cursor === undefined || change.updatedAt > cursor) cursor = change.updatedAt;
      if (announced.get(change.id) === change.version) continue;
      announced.set(change.id, change.version);
      if (announce) for (const listener of listeners.get(change.orderId) ?? []) listener(change.id);
    }
    cursor ??= new Date(0);
    if (since !== undefined) {
      const seen = new Set(changed.map((change) => change.id));
      for (const id of announced.keys()) if (!seen.has(id)) announced.delete(id);
    }
  };

  let wake: (() => void) | undefined;
  const pause = () =>
    new Promise<void>((resolve) => {
      const timeout = setTimeout(resolve, options.intervalMs);
      wake = () => {
        clearTimeout(timeout);
        resolve();
      };
    });
  const loop = async () => {
    // A fresh start takes the current high mark first: watchers get their snapshot elsewhere.
    cursor = undefined;
    announced.clear();
    let first = true;
    while (!stopped && listeners.size > 0) {
      await look(!first).catch((error: unknown) =>
        options.logger.error({ err: error }, 'live tracking feed look failed'),
      );
      first = false;
      await pause();
    }
    running = undefined;
  };

  return {
    subscribe(orderId, listener) {
      const set = listeners.get(orderId) ?? new Set();
      set.add(listener);
      listeners.set(orderId, set);
      if (running === undefined && !stopped) running = loop();
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(orderId);
      };
    },
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
