import { type Consumer, type ConsumerWiring, createStreamConsumer } from '@fruitables/bus';
import { platformCatalogue, platformStreams } from '@fruitables/events';
import { inbox, type ordersTables } from '@fruitables/schema-orders';
import type { OrdersDomain } from './domain/build.ts';
import { applyReservationExpired } from './domain/expiry.ts';
import {
  applyPaymentAwaitingDeposit,
  applyPaymentCompleted,
  applyPaymentFailed,
  applyRefundCompleted,
} from './domain/payment-events.ts';
import { applyShipmentDelivered, applyShipmentStatusChanged } from './domain/shipment-events.ts';

/** The consumer group orders reads payments', logistics' and catalog's streams with. */
export const ORDERS_GROUP = 'orders';

type Wiring = ConsumerWiring<typeof ordersTables>;
type Domain = Pick<OrdersDomain, 'clock' | 'followUps' | 'policy'>;

/** Money in, money not in, money back: each applied once through orders' inbox. */
export function createPaymentEventsConsumer(wiring: Wiring, domain: Domain): Consumer {
  return createStreamConsumer(wiring, {
    stream: platformStreams.payments,
    group: ORDERS_GROUP,
    catalogue: platformCatalogue,
    inbox,
    handlers: {
      PaymentCompleted: (event, tx) => applyPaymentCompleted(tx, domain, event),
      PaymentAwaitingDeposit: (event, tx) => applyPaymentAwaitingDeposit(tx, domain, event),
      PaymentFailed: (event, tx) => applyPaymentFailed(tx, domain, event),
      RefundCompleted: (event, tx) => applyRefundCompleted(tx, domain, event),
    },
  });
}

/** Boxes on their way: shipped at the first scan, delivered (and the 구매확정 clock) at the door. */
export function createShipmentEventsConsumer(wiring: Wiring, domain: Domain): Consumer {
  return createStreamConsumer(wiring, {
    stream: platformStreams.logistics,
    group: ORDERS_GROUP,
    catalogue: platformCatalogue,
    inbox,
    handlers: {
      ShipmentStatusChanged: (event, tx) => applyShipmentStatusChanged(tx, domain, event),
      ShipmentDelivered: (event, tx) => applyShipmentDelivered(tx, domain, event),
    },
  });
}

/** A hold catalog let expire takes its unpaid order with it. */
export function createStockEventsConsumer(wiring: Wiring, domain: Domain): Consumer {
  return createStreamConsumer(wiring, {
    stream: platformStreams.catalog,
    group: ORDERS_GROUP,
    catalogue: platformCatalogue,
    inbox,
    handlers: {
      ReservationExpired: (event, tx) => applyReservationExpired(tx, domain, event),
    },
  });
}
