import type { PlatformEvent } from '@fruitables/events';
import type { Refresh } from '../site/changes.ts';

/** The catalog events the rebuilder listens to: everything that changes what a shopper sees. */
export const rebuildEventTypes = [
  'ProductPublished',
  'ProductUpdated',
  'ProductUnpublished',
  'OfferPriceChanged',
  'OfferUpdated',
  'HarvestBatchPublished',
  'StockLevelChanged',
  'LotEnded',
  'FarmUpdated',
] as const;

export type RebuildEventType = (typeof rebuildEventTypes)[number];

/**
 * What to read again from catalog for an event. Events say *which* product or farm changed;
 * the pages are rebuilt from catalog's current state, never from the event's copy, so
 * events arriving late or out of order can never put old data back on a page.
 */
export function refreshFor(event: PlatformEvent<RebuildEventType>): Refresh {
  switch (event.type) {
    case 'FarmUpdated':
      return { productIds: [], farmIds: [event.data.farmId] };
    case 'HarvestBatchPublished':
      return { productIds: [...new Set(event.data.lots.map((lot) => lot.productId))], farmIds: [] };
    case 'ProductPublished':
    case 'ProductUpdated':
    case 'ProductUnpublished':
    case 'OfferPriceChanged':
    case 'OfferUpdated':
    case 'StockLevelChanged':
    case 'LotEnded':
      return { productIds: [event.data.productId], farmIds: [] };
  }
}
