import { type BusMetrics, type Consumer, createConsumer, type RedisConnection } from '@fruitables/bus';
import { platformCatalogue, platformStreams } from '@fruitables/events';
import { type catalogTables, inbox } from '@fruitables/schema-catalog';
import type { Logger } from 'pino';
import type { CatalogDb } from './domain/context.ts';
import { applyFarmerVerified } from './domain/farms.ts';

export interface FarmEventsOptions {
  redis: RedisConnection;
  db: CatalogDb;
  logger: Logger;
  metrics: BusMetrics;
  consumerName: string;
  /** identity's stream by default; tests use a stream of their own. */
  stream?: string;
  blockMs?: number;
}

/** The consumer group catalog reads identity's stream with. */
export const CATALOG_GROUP = 'catalog';

/**
 * catalog's view of identity: a verified farmer becomes a farm with its manager. The
 * consumer applies each event once through catalog's inbox, in the same transaction.
 */
export function createFarmEventsConsumer(options: FarmEventsOptions): Consumer {
  return createConsumer<typeof platformCatalogue, typeof catalogTables>({
    redis: options.redis,
    streams: [options.stream ?? platformStreams.identity],
    group: CATALOG_GROUP,
    consumerName: options.consumerName,
    catalogue: platformCatalogue,
    db: options.db,
    inbox,
    logger: options.logger,
    metrics: options.metrics,
    ...(options.blockMs === undefined ? {} : { blockMs: options.blockMs }),
    handlers: {
      FarmerVerified: (event, tx) => applyFarmerVerified(tx, event),
    },
  });
}
