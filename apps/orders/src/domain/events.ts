import { type Producer, type PublishInput, publishEvents } from '@fruitables/bus';
import { type PlatformCatalogue, type PlatformEventType, platformCatalogue, platformStreams } from '@fruitables/events';
import { outbox } from '@fruitables/schema-orders';
import type { OrdersDb } from './context.ts';

/** orders publishes to its own stream; payments, logistics and notifications subscribe with their own groups. */
export const ordersProducer: Producer = { name: 'orders', stream: platformStreams.orders };

/** Writes the events into orders' outbox inside `tx`: they reach the stream if and only if `tx` commits. */
export function publishOrdersEvents<T extends PlatformEventType>(
  tx: OrdersDb,
  inputs: readonly PublishInput<PlatformCatalogue, T>[],
) {
  return publishEvents(tx, outbox, platformCatalogue, inputs, ordersProducer);
}
