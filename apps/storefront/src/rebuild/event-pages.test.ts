import { buildEnvelope } from '@fruitables/bus';
import { platformCatalogue } from '@fruitables/events';
import { describe, expect, it } from 'vitest';
import type { Product } from '../catalog/schemas.ts';
import { type PageChanges, pagesTouched } from '../site/changes.ts';
import type { SiteData } from '../site/site-data.ts';
import { fixtureFarm, fixtureOffer, fixtureProduct } from '../testing/fixture-data.ts';
import { type RebuildEventType, refreshFor } from './refresh-for.ts';

const farm = fixtureFarm();
const apple = fixtureProduct(farm);
const pear = fixtureProduct(farm, { fruit: '배', variety: '신고' });
const now = new Date().toISOString();

const data = (products: Product[], farms = [farm]): SiteData => ({
  products: new Map(products.map((p) => [p.id, p])),
  farms: new Map(farms.map((f) => [f.id, f])),
});

function event<T extends RebuildEventType>(
  type: T,
  payload: Parameters<typeof buildEnvelope<typeof platformCatalogue, T>>[1]['data'],
) {
  return buildEnvelope(platformCatalogue, { type, aggregateId: farm.id, data: payload }, 'catalog');
}

/** What a change touches once the storefront has read catalog's new state. */
function touched(e: Parameters<typeof refreshFor>[0], before: SiteData, after: SiteData): PageChanges {
  return pagesTouched(before, after, refreshFor(e));
}

const productKeys = (p: Product) => [
  `product-${p.id}`,
  `farm-products-${p.farmId}`,
  `listing-${encodeURIComponent(p.fruit)}`,
];

describe('which pages each catalog event rebuilds, and which keys it purges', () => {
  it('ProductPublished: the product, its farm page, its fruit listing, home, search, the fruit index and the sitemap', () => {
    const e = event('ProductPublished', {
      productId: pear.id,
      farmId: farm.id,
      fruit: '배',
      variety: '신고',
      publishedAt: now,
    });
    const changes = touched(e, data([apple]), data([apple, pear]));
    expect(changes).toMatchObject({
      products: [pear.id],
      farms: [farm.id],
      fruits: ['배'],
      home: true,
      search: true,
      sitemap: true,
      fruitsIndex: true,
    });
    expect(changes.keys).toEqual([...productKeys(pear), 'fruits', 'home', 'search', 'sitemap'].sort());
  });

  it('ProductUpdated: also the old listing when the product moved to another fruit', () => {
    const moved = { ...apple, fruit: '배', variety: '신고' };
    const e = event('ProductUpdated', {
      productId: apple.id,
      farmId: farm.id,
      fruit: '배',
      variety: '신고',
      description: apple.description,
      seasonMonths: apple.seasonMonths,
      storageAdvice: apple.storageAdvice,
      updatedAt: now,
    });
    const changes = touched(e, data([apple]), data([moved]));
    expect(changes.fruits.sort()).toEqual(['배', '사과'].sort());
    expect(changes.keys).toEqual(
      expect.arrayContaining([
        `product-${apple.id}`,
        `listing-${encodeURIComponent('사과')}`,
        `listing-${encodeURIComponent('배')}`,
        'sitemap',
      ]),
    );
  });

  it('ProductUnpublished: the product page goes, with its listing, farm page and the sitemap updated', () => {
    const e = event('ProductUnpublished', { productId: apple.id, farmId: farm.id, unpublishedAt: now });
    const changes = touched(e, data([apple, pear]), data([pear]));
    expect(changes).toMatchObject({ products: [apple.id], farms: [farm.id], fruits: ['사과'], sitemap: true });
    expect(changes.keys).toEqual([...productKeys(apple), 'fruits', 'home', 'search', 'sitemap'].sort());
  });

  it('OfferPriceChanged and StockLevelChanged: the product with its listing, farm page, home and search, not the sitemap', () => {
    const offer = apple.offers[0];
    if (!offer) throw new Error('fixture has no offer');
    const cheaper = { ...apple, offers: [{ ...offer, priceKrw: 35_000 }, ...apple.offers.slice(1)] };
    const price = event('OfferPriceChanged', {
      offerId: offer.id,
      productId: apple.id,
      farmId: farm.id,
      previousPriceKrw: 39_000,
      priceKrw: 35_000,
      changedAt: now,
    });
    const priceChanges = touched(price, data([apple, pear]), data([cheaper, pear]));
    expect(priceChanges).toMatchObject({
      products: [apple.id],
      fruits: ['사과'],
      home: true,
      search: true,
      sitemap: false,
    });
    expect(priceChanges.keys).toEqual([...productKeys(apple), 'home', 'search'].sort());

    const low = { ...apple, offers: [{ ...offer, stockState: 'low' as const }, ...apple.offers.slice(1)] };
    const stock = event('StockLevelChanged', {
      offerId: offer.id,
      productId: apple.id,
      farmId: farm.id,
      previousState: 'in_stock',
      state: 'low',
      changedAt: now,
    });
    expect(touched(stock, data([apple]), data([low])).keys).toEqual([...productKeys(apple), 'home', 'search'].sort());
  });

  it('LotEnded: the product is read again, so a page that showed the lot as freshest drops it', () => {
    const offer = apple.offers[0];
    if (!offer) throw new Error('fixture has no offer');
    const ended = event('LotEnded', {
      lotId: '0196f0c2-7b3a-7c1e-8f00-0000000000aa',
      lotCode: 'CJ-2611-001',
      offerId: offer.id,
      productId: apple.id,
      farmId: farm.id,
      endedAt: now,
    });
    expect(refreshFor(ended)).toEqual({ productIds: [apple.id], farmIds: [] });
  });

  it('OfferUpdated: an offer taken off sale rebuilds the product like a price change', () => {
    const offer = apple.offers[0];
    if (!offer) throw new Error('fixture has no offer');
    const withdrawn = event('OfferUpdated', {
      offerId: offer.id,
      productId: apple.id,
      farmId: farm.id,
      grade: offer.grade,
      packKg: offer.packKg,
      countPerBox: offer.countPerBox,
      perOrderLimit: offer.perOrderLimit,
      priceKrw: offer.priceKrw,
      published: false,
      updatedAt: now,
    });
    const without = { ...apple, offers: apple.offers.slice(1) };
    expect(touched(withdrawn, data([apple, pear]), data([without, pear]))).toMatchObject({ products: [apple.id] });
  });

  it('HarvestBatchPublished: every product with a new lot', () => {
    const lot = (product: Product) => ({
      lotId: crypto.randomUUID(),
      lotCode: `L-${product.variety}`,
      offerId: product.offers[0]?.id ?? crypto.randomUUID(),
      productId: product.id,
      grade: '특' as const,
      harvestedOn: '2026-11-20',
      boxes: 40,
      brix: 14,
    });
    const e = event('HarvestBatchPublished', {
      farmId: farm.id,
      lots: [lot(apple), lot(pear), lot(pear)],
      publishedAt: now,
    });
    expect(refreshFor(e)).toEqual({ productIds: [apple.id, pear.id], farmIds: [] });
    const fresher = (p: Product) => ({
      ...p,
      offers: [fixtureOffer({ freshestLot: { lotCode: 'x', harvestedOn: '2026-11-20', brix: 14 } })],
    });
    const changes = touched(e, data([apple, pear]), data([fresher(apple), fresher(pear)]));
    expect(changes.products.sort()).toEqual([apple.id, pear.id].sort());
    expect(changes.sitemap).toBe(false);
  });

  it('FarmUpdated: the farm page, its products’ pages and listings, through the farm key', () => {
    const renamed = { ...farm, name: '새 이름 농원' };
    const e = event('FarmUpdated', {
      farmId: farm.id,
      name: renamed.name,
      regionSido: farm.regionSido,
      regionSigungu: farm.regionSigungu,
      story: farm.story,
      certifications: farm.certifications,
      changed: ['name'],
      updatedAt: now,
    });
    const changes = touched(e, data([apple, pear]), data([apple, pear], [renamed]));
    expect(changes).toMatchObject({ farms: [farm.id], home: true, search: true, sitemap: false });
    expect(changes.products.sort()).toEqual([apple.id, pear.id].sort());
    // One key reaches the farm page, its product pages and its lots' trace pages.
    expect(changes.keys).toEqual(
      [
        `farm-${farm.id}`,
        `listing-${encodeURIComponent('사과')}`,
        `listing-${encodeURIComponent('배')}`,
        'home',
        'search',
      ].sort(),
    );
  });

  it('a change that is already on the pages touches nothing (a redelivery, or a replay after a full build)', () => {
    const e = event('StockLevelChanged', {
      offerId: crypto.randomUUID(),
      productId: apple.id,
      farmId: farm.id,
      previousState: 'in_stock',
      state: 'low',
      changedAt: now,
    });
    const changes = touched(e, data([apple]), data([apple]));
    expect(changes).toMatchObject({ products: [], farms: [], fruits: [], home: false, search: false, keys: [] });
  });
});
