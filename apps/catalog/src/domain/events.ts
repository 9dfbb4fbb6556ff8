import { type Producer, type PublishInput, publishEvent, publishEvents } from '@fruitables/bus';
import { type PlatformCatalogue, type PlatformEventType, platformCatalogue, platformStreams } from '@fruitables/events';
import { outbox } from '@fruitables/schema-catalog';
import type { CatalogDb } from './context.ts';

/** catalog publishes to its own stream; the storefront and orders subscribe with their own groups. */
export const catalogProducer: Producer = { name: 'catalog', stream: platformStreams.catalog };

/** Writes the event into catalog's outbox inside `tx`: it reaches the stream if and only if `tx` commits. */
export function publishCatalogEvent<T extends PlatformEventType>(
  tx: CatalogDb,
  input: PublishInput<PlatformCatalogue, T>,
) {
  return publishEvent(tx, outbox, platformCatalogue, input, catalogProducer);
}

/** Many events in one statement (a stock change can cross thresholds on several offers at once). */
export function publishCatalogEvents<T extends PlatformEventType>(
  tx: CatalogDb,
  inputs: readonly PublishInput<PlatformCatalogue, T>[],
) {
  return publishEvents(tx, outbox, platformCatalogue, inputs, catalogProducer);
}
