import { type BusMetrics, type Consumer, createConsumer, type RedisConnection } from '@fruitables/bus';
import { platformCatalogue, platformStreams } from '@fruitables/events';
import { type identityTables, inbox } from '@fruitables/schema-identity';
import type { Logger } from 'pino';
import type { IdentityDb } from './domain/context.ts';
import { applyFarmUpdated } from './domain/farms.ts';

export interface CatalogEventsOptions {
  redis: RedisConnection;
  db: IdentityDb;
  logger: Logger;
  metrics: BusMetrics;
  consumerName: string;
  /** catalog's stream by default; tests use a stream of their own. */
  stream?: string;
  blockMs?: number;
}

/** The consumer group identity reads catalog's stream with. */
export const IDENTITY_GROUP = 'identity';

/**
 * identity's view of catalog: the farm's name, which catalog owns, kept current so the admins'
 * farm list finds a farm by the name shoppers see. Applied once per event through the inbox.
 */
export function createCatalogEventsConsumer(options: CatalogEventsOptions): Consumer {
  return createConsumer<typeof platformCatalogue, typeof identityTables>({
    redis: options.redis,
    streams: [options.stream ?? platformStreams.catalog],
    group: IDENTITY_GROUP,
    consumerName: options.consumerName,
    catalogue: platformCatalogue,
    db: options.db,
    inbox,
    logger: options.logger,
    metrics: options.metrics,
    ...(options.blockMs === undefined ? {} : { blockMs: options.blockMs }),
    handlers: {
      FarmUpdated: (event, tx) => applyFarmUpdated(tx, event),
    },
  });
}
