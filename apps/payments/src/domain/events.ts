import { type Producer, type PublishInput, publishEvent } from '@fruitables/bus';
import { type PlatformCatalogue, type PlatformEventType, platformCatalogue, platformStreams } from '@fruitables/events';
import { outbox } from '@fruitables/schema-payments';
import type { PaymentsDb } from './context.ts';

/** payments publishes to its own stream; orders subscribes with its own group. */
export const paymentsProducer: Producer = { name: 'payments', stream: platformStreams.payments };

/** Writes the event into payments' outbox inside `tx`: it reaches the stream if and only if `tx` commits. */
export function publishPaymentsEvent<T extends PlatformEventType>(
  tx: PaymentsDb,
  input: PublishInput<PlatformCatalogue, T>,
) {
  return publishEvent(tx, outbox, platformCatalogue, input, paymentsProducer);
}
