import { type Consumer, type ConsumerWiring, createStreamConsumer } from '@fruitables/bus';
import { platformCatalogue, platformStreams } from '@fruitables/events';
import { type catalogTables, inbox } from '@fruitables/schema-catalog';
import { applyFarmerVerified } from './domain/farms.ts';

/** The consumer group catalog reads identity's stream with. */
export const CATALOG_GROUP = 'catalog';

/**
 * catalog's view of identity: a verified farmer becomes a farm. The consumer applies each
 * event once through catalog's inbox, in the same transaction.
 */
export function createFarmEventsConsumer(wiring: ConsumerWiring<typeof catalogTables>): Consumer {
  return createStreamConsumer(wiring, {
    stream: platformStreams.identity,
    group: CATALOG_GROUP,
    catalogue: platformCatalogue,
    inbox,
    handlers: {
      FarmerVerified: (event, tx) => applyFarmerVerified(tx, event),
    },
  });
}
