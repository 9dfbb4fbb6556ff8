import { type Consumer, type ConsumerWiring, createStreamConsumer } from '@fruitables/bus';
import { platformCatalogue, platformStreams } from '@fruitables/events';
import { type identityTables, inbox } from '@fruitables/schema-identity';
import { applyFarmUpdated } from './domain/farms.ts';

/** The consumer group identity reads catalog's stream with. */
export const IDENTITY_GROUP = 'identity';

/**
 * identity's view of catalog: the farm's name, which catalog owns, kept current so the admins'
 * farm list finds a farm by the name shoppers see. Applied once per event through the inbox.
 */
export function createCatalogEventsConsumer(wiring: ConsumerWiring<typeof identityTables>): Consumer {
  return createStreamConsumer(wiring, {
    stream: platformStreams.catalog,
    group: IDENTITY_GROUP,
    catalogue: platformCatalogue,
    inbox,
    handlers: {
      FarmUpdated: (event, tx) => applyFarmUpdated(tx, event),
    },
  });
}
