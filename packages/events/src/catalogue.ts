import { catalogueToJsonSchema, defineCatalogue, type EventEnvelope, type EventType } from '@fruitables/bus';
import { catalogEvents } from './catalog.ts';
import { identityEvents } from './identity.ts';
import { logisticsEvents } from './logistics.ts';
import { ordersEvents } from './orders.ts';
import { paymentsEvents } from './payments.ts';

/**
 * Every event on the platform, keyed by type. Producers publish through it and consumers
 * validate against it, so both sides of a stream share one definition per event.
 */
export const platformCatalogue = defineCatalogue([
  ...identityEvents,
  ...catalogEvents,
  ...ordersEvents,
  ...paymentsEvents,
  ...logisticsEvents,
]);

export type PlatformCatalogue = typeof platformCatalogue;
export type PlatformEventType = EventType<PlatformCatalogue>;
export type PlatformEvent<T extends PlatformEventType = PlatformEventType> = EventEnvelope<PlatformCatalogue, T>;

/** The stream each producing service's relay appends to; consumers subscribe by these names. */
export const platformStreams = {
  identity: 'identity.events',
  catalog: 'catalog.events',
  orders: 'orders.events',
  payments: 'payments.events',
  logistics: 'logistics.events',
} as const;

/** The catalogue as a JSON Schema document, for docs and for consumers outside TypeScript. */
export function platformJsonSchema(): Record<string, unknown> {
  return catalogueToJsonSchema(platformCatalogue, {
    title: 'Fruitables platform events',
    idBase: 'https://fruitables.kr/schemas/events/',
  });
}
