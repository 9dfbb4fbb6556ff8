import { type Producer, type PublishInput, publishEvent } from '@fruitables/bus';
import { type PlatformCatalogue, type PlatformEventType, platformCatalogue, platformStreams } from '@fruitables/events';
import { outbox } from '@fruitables/schema-logistics';
import type { LogisticsDb } from './context.ts';

/** logistics publishes to its own stream; orders (and later notifications) subscribe with their own groups. */
export const logisticsProducer: Producer = { name: 'logistics', stream: platformStreams.logistics };

/** Writes the event into logistics' outbox inside `tx`: it reaches the stream if and only if `tx` commits. */
export function publishLogisticsEvent<T extends PlatformEventType>(
  tx: LogisticsDb,
  input: PublishInput<PlatformCatalogue, T>,
) {
  return publishEvent(tx, outbox, platformCatalogue, input, logisticsProducer);
}
