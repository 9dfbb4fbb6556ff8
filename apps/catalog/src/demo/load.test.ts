import { responseSchema } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPhotoProcessor, PHOTO_POLICY } from '../photos/process-photo.ts';
import { getProductRoute } from '../routes/products/get-product.ts';
import { listProductsRoute } from '../routes/products/list-products.ts';
import { type CatalogHarness, call, createHarness } from '../testing/harness.ts';
import { demoFarms } from './catalog.ts';
import { type DemoPictures, loadDemoCatalog } from './load.ts';

let h: CatalogHarness;
let pictures: DemoPictures;
beforeAll(async () => {
  h = await createHarness('catalog-demo-seed');
  pictures = { store: h.photos, process: createPhotoProcessor(PHOTO_POLICY, 2), logger: h.ctx.logger };
});
afterAll(async () => {
  await h.close();
});

async function counts() {
  const [row] = await h.owner<{ farms: number; products: number; offers: number; lots: number; events: number }[]>`
    select (select count(*) from catalog.farms)::int as farms,
           (select count(*) from catalog.products)::int as products,
           (select count(*) from catalog.offers)::int as offers,
           (select count(*) from catalog.lots)::int as lots,
           (select count(*) from catalog.outbox)::int as events`;
  return row;
}

describe('the demo catalog', () => {
  it('loads once: a second run finds everything and writes nothing', async () => {
    const first = await loadDemoCatalog(h.ctx, demoFarms, pictures);
    expect(first.farms).toBeGreaterThanOrEqual(12);
    expect(first.products).toBeGreaterThanOrEqual(20);
    expect(first.photos).toBe(first.products);
    const afterFirst = await counts();
    expect(afterFirst).toMatchObject({ farms: first.farms, products: first.products, offers: first.offers });
    expect(afterFirst?.lots).toBe(first.lots);

    const second = await loadDemoCatalog(h.ctx, demoFarms, pictures);
    expect(second).toEqual({ farms: 0, products: 0, offers: 0, lots: 0, photos: 0 });
    expect(await counts()).toEqual(afterFirst);
  });

  it('announces what it creates through the outbox, as the domain does', async () => {
    const rows = await h.owner<{ type: string; n: number }[]>`
      select envelope->>'type' as type, count(*)::int as n from catalog.outbox group by 1`;
    const byType = Object.fromEntries(rows.map((row) => [row.type, row.n]));
    const totals = await counts();
    expect(byType.ProductPublished).toBe(totals?.products);
    expect(byType.HarvestBatchPublished).toBe(totals?.lots);
    expect(byType.StockLevelChanged).toBeGreaterThan(0);
  });

  it('answers the public product list with every product in stock, in all four grades', async () => {
    const response = await call(h, 'GET', '/v1/products?limit=100');
    expect(response.status).toBe(200);
    const { items } = response.parse(responseSchema(listProductsRoute, 200));
    expect(items.length).toBeGreaterThanOrEqual(20);
    for (const product of items) {
      expect(product.offers.some((offer) => offer.stockState !== 'sold_out')).toBe(true);
    }
    const offers = items.flatMap((product) => product.offers);
    expect(offers.filter((offer) => offer.stockState === 'in_stock').length).toBeGreaterThan(offers.length / 2);
    expect(new Set(offers.map((offer) => offer.grade))).toEqual(new Set(['특', '상', '보통', '못난이']));
    expect(offers.some((offer) => (offer.freshestLot?.brix ?? 0) > 10)).toBe(true);
  });

  it('shows every product with a drawn picture, as WebP variants served by the media route', async () => {
    const list = (await call(h, 'GET', '/v1/products?limit=100')).parse(responseSchema(listProductsRoute, 200));
    for (const { id } of list.items) {
      const product = (await call(h, 'GET', `/v1/products/${id}`)).parse(responseSchema(getProductRoute, 200));
      expect(product.photos).toHaveLength(1);
      const [photo] = product.photos;
      expect(photo?.alt).toMatch(/그림$/);
      expect(photo?.variants.map((variant) => variant.width)).toEqual(PHOTO_POLICY.widths);
    }
    const first = (await call(h, 'GET', `/v1/products/${list.items[0]?.id}`)).parse(
      responseSchema(getProductRoute, 200),
    );
    const smallest = first.photos[0]?.variants[0];
    const media = await h.app.request(smallest?.url.replace('/api/catalog', '') ?? '/');
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/webp');
    // A thumbnail of a flat drawing: small enough for a list of cards on a phone.
    expect((await media.arrayBuffer()).byteLength).toBeLessThan(15_000);
  });

  it('restocks exactly the offers left with nothing sellable, on a later day', async () => {
    const before = await counts();
    // Five days on, the 딸기 lots (max age 5) and some others have aged out; most have not.
    h.clock.advance(5 * 24 * 60 * 60 * 1000);
    const list = (await call(h, 'GET', '/v1/products?limit=100')).parse(responseSchema(listProductsRoute, 200));
    const offers = list.items.flatMap((product) => product.offers);
    const soldOut = offers.filter((offer) => offer.stockState === 'sold_out').map((offer) => offer.id);
    expect(soldOut.length).toBeGreaterThan(0);
    expect(soldOut.length).toBeLessThan(offers.length);

    const later = await loadDemoCatalog(h.ctx, demoFarms);
    expect(later).toMatchObject({ farms: 0, products: 0, offers: 0 });
    // The test clock stands still, so this run's lots share one created_at: the latest.
    const restocked = await h.owner<{ offerId: string }[]>`
      select distinct offer_id as "offerId" from catalog.lots
       where created_at = (select max(created_at) from catalog.lots)`;
    expect(restocked.map((row) => row.offerId).sort()).toEqual(soldOut.sort());
    expect((await counts())?.products).toBe(before?.products);
    expect(await loadDemoCatalog(h.ctx, demoFarms)).toEqual({ farms: 0, products: 0, offers: 0, lots: 0, photos: 0 });
  });
});
