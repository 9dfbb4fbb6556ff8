import { type Producer, type PublishInput, publishEvent } from '@fruitables/bus';
import { type PlatformCatalogue, type PlatformEventType, platformCatalogue, platformStreams } from '@fruitables/events';
import { outbox } from '@fruitables/schema-identity';
import type { IdentityDb } from './context.ts';

/** identity publishes to its own stream; consumers subscribe to it with their own groups. */
export const identityProducer: Producer = { name: 'identity', stream: platformStreams.identity };

/**
 * Writes the event into identity's outbox inside `tx`: it reaches the stream if and only if
 * `tx` commits. The catalogue validates the payload here, so a malformed payload fails this
 * transaction rather than a consumer, and a field the schema does not define never travels.
 */
export function publishIdentityEvent<T extends PlatformEventType>(
  tx: IdentityDb,
  input: PublishInput<PlatformCatalogue, T>,
) {
  return publishEvent(tx, outbox, platformCatalogue, input, identityProducer);
}
