import { type Consumer, type ConsumerWiring, createStreamConsumer } from '@fruitables/bus';
import { platformCatalogue, platformStreams } from '@fruitables/events';
import { inbox, type paymentsTables } from '@fruitables/schema-payments';
import type { LedgerPolicy } from '../domain/ledger-entries.ts';
import { applyOrderCompleted } from '../domain/order-completed.ts';

/** The consumer group payments reads orders' stream with. */
export const PAYMENTS_GROUP = 'payments';

/**
 * payments' view of orders: a completed fulfilment (구매확정) becomes payable to its farm in the
 * ledger. Each event is applied once through payments' inbox, in the same transaction.
 */
export function createOrderEventsConsumer(
  wiring: ConsumerWiring<typeof paymentsTables>,
  ledger: LedgerPolicy,
): Consumer {
  return createStreamConsumer(wiring, {
    stream: platformStreams.orders,
    group: PAYMENTS_GROUP,
    catalogue: platformCatalogue,
    inbox,
    handlers: {
      OrderCompleted: (event, tx) => applyOrderCompleted(tx, ledger, event.data),
    },
  });
}
