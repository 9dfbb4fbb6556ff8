import { type Consumer, type ConsumerWiring, createStreamConsumer } from '@fruitables/bus';
import { platformCatalogue, platformStreams } from '@fruitables/events';
import { inbox, type logisticsTables } from '@fruitables/schema-logistics';
import {
  applyFulfilmentContentsChanged,
  applyFulfilmentStatusChanged,
  applyOrderCancelled,
  applyOrderPaid,
} from './domain/order-events.ts';

/** The consumer group logistics reads orders' stream with. */
export const LOGISTICS_GROUP = 'logistics';

/**
 * logistics' view of orders: what is in each paid fulfilment's boxes (and what they hold after a
 * substitution, cancel or shortage), and fulfilments that
 * were cancelled or started packing. Each event is applied once through logistics' inbox, in
 * the same transaction.
 */
export function createOrderEventsConsumer(wiring: ConsumerWiring<typeof logisticsTables>): Consumer {
  return createStreamConsumer(wiring, {
    stream: platformStreams.orders,
    group: LOGISTICS_GROUP,
    catalogue: platformCatalogue,
    inbox,
    handlers: {
      OrderPaid: (event, tx) => applyOrderPaid(tx, event),
      OrderCancelled: (event, tx) => applyOrderCancelled(tx, event),
      FulfilmentStatusChanged: (event, tx) => applyFulfilmentStatusChanged(tx, event),
      FulfilmentContentsChanged: (event, tx) => applyFulfilmentContentsChanged(tx, event),
    },
  });
}
