import { createInboxTable, createOutboxTable } from '@fruitables/bus';
import { bookings } from './bookings.ts';
import { logistics } from './namespace.ts';
import { closures, farmDayCounters, farmSettings, hubCapacities, hubDayCounters } from './settings.ts';
import { shipmentEvents, shipments } from './shipments.ts';

export * from './bookings.ts';
export * from './settings.ts';
export * from './shipments.ts';
export * from './values.ts';

export const outbox = createOutboxTable(logistics);
export const inbox = createInboxTable(logistics);

/** Every table, for `createDrizzle(sql, logisticsTables)`; the app uses the query builder, not relational queries. */
export const logisticsTables = {
  farmSettings,
  hubCapacities,
  farmDayCounters,
  hubDayCounters,
  closures,
  bookings,
  shipments,
  shipmentEvents,
  outbox,
  inbox,
};
