import { decodeEnvelope } from '@fruitables/bus';
import { describe, expect, it } from 'vitest';
import { platformCatalogue, platformStreams } from './catalogue.ts';

const envelope = (type: string, data: Record<string, unknown>) =>
  JSON.stringify({
    id: '0196f0c2-7b3a-7c1e-8f00-1234567890ab',
    type,
    version: 1,
    occurredAt: '2026-11-21T12:00:00.000Z',
    producer: 'catalog',
    aggregateId: '0196f0c2-7b3a-7c1e-8f00-000000000020',
    data,
  });

const offer = {
  offerId: '0196f0c2-7b3a-7c1e-8f00-000000000020',
  productId: '0196f0c2-7b3a-7c1e-8f00-000000000010',
  farmId: '0196f0c2-7b3a-7c1e-8f00-000000000003',
};

describe('catalog events', () => {
  it('are in the platform catalogue, on the catalog stream', () => {
    for (const type of [
      'FarmUpdated',
      'ProductPublished',
      'ProductUpdated',
      'ProductUnpublished',
      'OfferPriceChanged',
      'OfferUpdated',
      'HarvestBatchPublished',
      'StockLevelChanged',
      'LotEnded',
      'ReservationExpired',
    ]) {
      expect(platformCatalogue).toHaveProperty(type);
    }
    expect(platformStreams.catalog).toBe('catalog.events');
  });

  it('accept a stock crossing and refuse an unknown state or a non-integer price', () => {
    const crossing = { ...offer, previousState: 'in_stock', state: 'low', changedAt: '2026-11-21T12:00:00.000Z' };
    expect(decodeEnvelope(platformCatalogue, envelope('StockLevelChanged', crossing)).ok).toBe(true);
    expect(
      decodeEnvelope(platformCatalogue, envelope('StockLevelChanged', { ...crossing, state: 'few' })),
    ).toMatchObject({
      ok: false,
      reason: 'invalid-data',
    });
    const price = { ...offer, previousPriceKrw: 39000, priceKrw: 35000.5, changedAt: '2026-11-21T12:00:00.000Z' };
    expect(decodeEnvelope(platformCatalogue, envelope('OfferPriceChanged', price))).toMatchObject({ ok: false });
  });
});
