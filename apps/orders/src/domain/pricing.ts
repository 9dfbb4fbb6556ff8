import { lookupOffers, type OfferSummary } from '@fruitables/catalog/contract';
import type { Remotes } from './context.ts';

export type PricedOffer = OfferSummary;

/** What a packing list, a label and the shopper's order show for an offer: "사과 부사 특 5kg". */
export function offerTitle(offer: Pick<OfferSummary, 'fruit' | 'variety' | 'grade' | 'packKg'>): string {
  return `${offer.fruit} ${offer.variety} ${offer.grade} ${offer.packKg}kg`;
}

/**
 * Live prices, stock states and limits of the offers, from catalog (never from the browser).
 * An offer missing from the answer is unpublished or gone.
 */
export async function priceOffers(
  remotes: Pick<Remotes, 'catalog'>,
  offerIds: readonly string[],
  requestId?: string,
): Promise<Map<string, PricedOffer>> {
  const unique = [...new Set(offerIds)];
  if (unique.length === 0) return new Map();
  const { items } = await remotes.catalog.call(
    lookupOffers,
    { query: { ids: unique.join(',') } },
    requestId === undefined ? {} : { requestId },
  );
  return new Map(items.map((offer) => [offer.id, offer]));
}
