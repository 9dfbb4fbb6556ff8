import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogHarness, createHarness, daysAgo } from '../../testing/harness.ts';
import {
  addFarm,
  addLot,
  addOffer,
  addProduct,
  allPages,
  buildSearchCatalog,
  searchBody,
} from '../../testing/search-fixture.ts';

let h: CatalogHarness;
let catalog: Awaited<ReturnType<typeof buildSearchCatalog>>;
beforeAll(async () => {
  h = await createHarness('catalog-search-pages');
  catalog = await buildSearchCatalog(h);
});
afterAll(async () => {
  await h.close();
});

const keys = async (params: Record<string, string | number>) =>
  (await searchBody(h, { limit: 50, ...params })).items.map((item) => catalog.keyOf(item.offerId));

const byPrice = [
  '서귀포:노지감귤:못난이',
  '충주:부사:못난이',
  '영동:캠벨얼리:보통',
  '논산:설향:상',
  '충주:홍로:상',
  '충주:부사:특',
  '서귀포:천혜향:상',
  '청송:신고:상',
  '서귀포:한라봉:특',
  '청송:시나노골드:특',
  '영동:샤인머스캣:특',
  '나주:신고:특',
];

describe('search sorts', () => {
  it('sorts by price, up and down', async () => {
    expect(await keys({ sort: 'price_asc' })).toEqual(byPrice);
    expect(await keys({ sort: 'price_desc' })).toEqual([...byPrice].reverse());
  });

  it('sorts by newest harvest, offers that never had a lot last; this is the default without text', async () => {
    const body = await searchBody(h, { limit: 50 });
    expect(body.sort).toBe('newest_harvest');
    const dates = body.items.map((item) => item.newestHarvestOn);
    expect(dates.at(-1)).toBeNull();
    expect(catalog.keyOf(body.items.at(-1)?.offerId ?? '')).toBe('충주:홍로:상');
    const known = dates.filter((date): date is string => date !== null);
    expect(known).toEqual([...known].sort().reverse());
    expect(catalog.keyOf(body.items[0]?.offerId ?? '')).toBe('영동:샤인머스캣:특');
    // Relevance has nothing to be relevant to without words.
    expect((await searchBody(h, { sort: 'relevance' })).sort).toBe('newest_harvest');
    expect((await searchBody(h, { q: '못난이' })).sort).toBe('newest_harvest');
  });

  it('sorts by popularity (boxes sold), most sold first', async () => {
    expect((await keys({ sort: 'popularity' })).slice(0, 3)).toEqual([
      '영동:샤인머스캣:특',
      '충주:부사:특',
      '서귀포:한라봉:특',
    ]);
    expect(await keys({ q: '사과', sort: 'popularity' })).toEqual(
      expect.arrayContaining(['충주:부사:특', '청송:시나노골드:특']),
    );
    expect((await keys({ q: '사과', sort: 'popularity' }))[0]).toBe('충주:부사:특');
  });

  it('orders equally relevant offers by popularity', async () => {
    const apples = await keys({ q: '부사' });
    expect(apples).toEqual(['충주:부사:특', '충주:부사:못난이']);
  });
});

describe('search pages', () => {
  it.each<Record<string, string>>([
    {},
    { sort: 'price_asc' },
    { sort: 'price_desc' },
    { sort: 'popularity' },
    { q: '사과' },
    { q: '충북', sort: 'price_asc' },
    { inStock: 'true', sort: 'newest_harvest' },
  ])('return every matching offer exactly once, in order, two at a time (%o)', async (params) => {
    const whole = await keys(params);
    expect(whole.length).toBeGreaterThan(2);
    const paged = (await allPages(h, { ...params, limit: 2 })).map((item) => catalog.keyOf(item.offerId));
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it('end with a null cursor on the last page', async () => {
    const body = await searchBody(h, { q: '부사', limit: 2 });
    expect(body.items).toHaveLength(2);
    expect(body.nextCursor).toBeNull();
  });
});

describe('search pages under inserts', () => {
  let fresh: CatalogHarness;
  beforeAll(async () => {
    fresh = await createHarness('catalog-search-inserts');
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('neither repeat nor skip an offer when offers are added between pages', async () => {
    const farm = await addFarm(fresh, '양구 펀치볼농원', '강원특별자치도', '양구군');
    const productId = await addProduct(fresh, farm, '사과', '부사');
    const original: string[] = [];
    for (const [grade, priceKrw] of [
      ['특', 40_000],
      ['상', 30_000],
      ['보통', 20_000],
      ['못난이', 10_000],
    ] as const) {
      const offerId = await addOffer(fresh, farm, productId, { grade, priceKrw });
      await addLot(fresh, farm, offerId, 1, 10);
      original.push(offerId);
    }
    const first = await searchBody(fresh, { q: '양구 사과', sort: 'price_asc', limit: 2 });
    expect(first.items.map((item) => item.priceKrw)).toEqual([10_000, 20_000]);
    // One offer lands before the cursor (cheaper), one after.
    const other = await addProduct(fresh, farm, '사과', '홍로');
    await addOffer(fresh, farm, other, { grade: '특', priceKrw: 5_000 });
    const after = await addOffer(fresh, farm, other, { grade: '상', priceKrw: 35_000 });
    const rest = await allPages(fresh, {
      q: '양구 사과',
      sort: 'price_asc',
      limit: 2,
      ...(first.nextCursor ? { cursor: first.nextCursor } : {}),
    });
    const seen = [...first.items, ...rest].map((item) => item.offerId);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...first.items, ...rest].map((item) => item.priceKrw)).toEqual([10_000, 20_000, 30_000, 35_000, 40_000]);
    expect(seen).toEqual(expect.arrayContaining([...original, after]));
  });

  it('fill in-stock pages even when many offers announced in stock have aged out', async () => {
    const farm = await addFarm(fresh, '담양 딸기원', '전라남도', '담양군');
    const productId = await addProduct(fresh, farm, '딸기', '설향');
    const onSale: string[] = [];
    // Twelve dearer offers sold lots that have since aged past 딸기's 5 days: more than the
    // spare rows a page fetches, so only the exact pass finds the three still on sale.
    for (let pack = 1; pack <= 15; pack++) {
      const offerId = await addOffer(fresh, farm, productId, { grade: '특', packKg: pack, priceKrw: 10_000 * pack });
      await addLot(fresh, farm, offerId, 1, 10);
      if (pack > 3)
        await fresh.owner`update catalog.lots set harvested_on = ${daysAgo(fresh, 9)} where offer_id = ${offerId}`;
      else onSale.push(offerId);
    }
    const pages = await allPages(fresh, { fruit: '딸기', inStock: 'true', sort: 'price_desc', limit: 2 });
    expect(pages.map((item) => item.offerId)).toEqual([...onSale].reverse());
    expect(pages.map((item) => item.stockState)).toEqual(['in_stock', 'in_stock', 'in_stock']);
    expect((await searchBody(fresh, { fruit: '딸기', sort: 'price_desc' })).items).toHaveLength(15);
  });
});
