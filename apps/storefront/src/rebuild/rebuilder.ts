import { type BusMetrics, type Consumer, createConsumer, type RedisConnection } from '@fruitables/bus';
import type { Executor } from '@fruitables/db';
import { type PlatformEvent, platformCatalogue, platformStreams } from '@fruitables/events';
import { inbox, type storefrontTables } from '@fruitables/schema-storefront';
import type { Logger } from 'pino';
import { Histogram, type Registry } from 'prom-client';
import { surrogateKeys } from '../site/paths.ts';
import type { Site } from '../site/site.ts';
import type { EdgePurger } from './edge-purger.ts';
import { type RebuildEventType, refreshFor } from './refresh-for.ts';

/** The consumer group the storefront reads catalog's stream with. */
export const STOREFRONT_GROUP = 'storefront';

/**
 * Events this much older than the data of the live build are already in it and are
 * skipped. The margin covers a producer transaction that committed long after it stamped
 * its event, and clock skew between pods. It matters on a first start: the group begins
 * at the start of the stream, and replaying all of it would rebuild pages for nothing.
 */
const ALREADY_BUILT_MARGIN_MS = 60_000;

export interface RebuilderOptions {
  redis: RedisConnection;
  db: Executor<typeof storefrontTables>;
  site: Site;
  purger: EdgePurger;
  logger: Logger;
  metrics: BusMetrics;
  registry: Registry;
  consumerName: string;
  /** catalog's stream by default; tests use a stream of their own. */
  stream?: string;
  blockMs?: number;
}

/**
 * The incremental rebuilder: for each catalog event, read the touched products and farms
 * again, rewrite the pages that changed, and purge them at the edge by surrogate key. The
 * inbox makes each event count once; keys whose purge failed are kept and sent with the
 * retry, because the retry finds the pages already rewritten and would purge nothing.
 */
export function createRebuilder(options: RebuilderOptions): Consumer {
  const { site, purger, logger } = options;
  const lag = new Histogram({
    name: 'storefront_event_to_purge_seconds',
    help: 'From a catalog event being raised to its pages rebuilt and purged at the edge',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [options.registry],
  });
  const unpurged = new Set<string>();

  async function rebuild(event: PlatformEvent<RebuildEventType>): Promise<void> {
    if (!site.isBuilt()) throw new Error('the first full build is not live yet');
    const builtFrom = site.builtFrom();
    const alreadyBuilt =
      builtFrom !== null && Date.parse(event.occurredAt) < builtFrom.getTime() - ALREADY_BUILT_MARGIN_MS;
    if (!alreadyBuilt) {
      const changes = await site.refresh(refreshFor(event));
      for (const key of changes.keys) unpurged.add(key);
      // A box's QR code may have been scanned before its lot was published: that 404 goes.
      if (event.type === 'HarvestBatchPublished') unpurged.add(surrogateKeys.farmLots(event.data.farmId));
    }
    if (unpurged.size === 0) return;
    const keys = [...unpurged];
    await purger.purge(keys);
    for (const key of keys) unpurged.delete(key);
    lag.observe(Math.max(0, Date.now() - Date.parse(event.occurredAt)) / 1000);
    logger.info({ eventId: event.id, type: event.type, keys }, 'pages rebuilt and purged');
  }

  return createConsumer<typeof platformCatalogue, typeof storefrontTables>({
    redis: options.redis,
    streams: [options.stream ?? platformStreams.catalog],
    group: STOREFRONT_GROUP,
    consumerName: options.consumerName,
    catalogue: platformCatalogue,
    db: options.db,
    inbox,
    logger,
    metrics: options.metrics,
    ...(options.blockMs === undefined ? {} : { blockMs: options.blockMs }),
    handlers: {
      ProductPublished: rebuild,
      ProductUpdated: rebuild,
      ProductUnpublished: rebuild,
      OfferPriceChanged: rebuild,
      OfferUpdated: rebuild,
      HarvestBatchPublished: rebuild,
      StockLevelChanged: rebuild,
      FarmUpdated: rebuild,
    },
  });
}
