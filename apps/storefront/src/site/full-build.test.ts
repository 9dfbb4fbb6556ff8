import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureCatalog } from '../testing/fixture-catalog-server.ts';
import { fixtureCatalog, fixtureFarm, fixtureOffer, fixturePhoto, fixtureProduct } from '../testing/fixture-data.ts';
import { createTestSite, type TestSite } from '../testing/site-harness.ts';
import { paths } from './paths.ts';

const farm = fixtureFarm();
const organic = fixtureFarm({
  name: '한라봉 유기농장',
  regionSido: '제주특별자치도',
  regionSigungu: '서귀포시',
  certifications: [{ kind: '유기농', number: '10-1-123' }],
  photos: [fixturePhoto('귤밭 전경')],
});
const apple = fixtureProduct(farm, { photos: [fixturePhoto(), fixturePhoto('단면')] });
const hallabong = fixtureProduct(organic, {
  fruit: '한라봉',
  variety: '한라봉',
  seasonMonths: [1, 2],
  offers: [fixtureOffer({ grade: '상', packKg: 3, priceKrw: 32_000, stockState: 'sold_out', freshestLot: null })],
});

let catalog: ReturnType<typeof startFixtureCatalog>;
let t: TestSite;

beforeAll(async () => {
  catalog = startFixtureCatalog({ farms: [farm, organic], products: [apple, hallabong] });
  t = await createTestSite(catalog.url);
  await t.site.fullBuild();
});
afterAll(() => {
  t.close();
  catalog.stop();
});

const jsonLdOf = (html: string) => {
  const match = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html);
  if (!match?.[1]) throw new Error('no JSON-LD on the page');
  return JSON.parse(match[1]) as Record<string, unknown>;
};

describe('a full build', () => {
  it('writes every kind of page, all in Korean', async () => {
    const pages = [
      paths.home,
      paths.fruits,
      paths.listing('사과'),
      paths.listing('한라봉'),
      paths.product(apple.id),
      paths.product(hallabong.id),
      paths.farm(farm.id),
      paths.farm(organic.id),
      paths.search,
      paths.cart,
      paths.login,
      paths.signup,
      paths.account,
      paths.notFound,
    ];
    for (const path of pages) {
      const html = await t.read(path);
      expect(html.startsWith('<!doctype html><html lang="ko">'), path).toBe(true);
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    }
    expect(await t.read(paths.searchIndex)).toContain('한라봉');
    expect(await t.read(paths.sitemap)).toContain(`<loc>https://shop.test${paths.product(apple.id)}</loc>`);
    expect(await t.read(paths.robots)).toContain('Sitemap: https://shop.test/sitemap.xml');
  });

  it('shows a product with prices in won, stock, the freshest lot, storage advice and reviews', async () => {
    const html = await t.read(paths.product(apple.id));
    expect(html).toContain('<h1>부사 사과</h1>');
    expect(html).toContain('39,000원');
    expect(html).toContain('23,000원');
    expect(html).toContain('구매 가능');
    expect(html).toContain('11월 18일 수확 · 당도 15.2Brix');
    expect(html).toContain(`href="${paths.lot(farm.id, 'CJ-FUJI-T50-261118')}"`);
    expect(html).toContain('비닐에 담아 냉장(0~4℃) 보관하세요.');
    expect(html).toContain('후기');
    expect(html).toContain(`<a href="${paths.farm(farm.id)}">햇살사과농원</a>`);
    const sold = await t.read(paths.product(hallabong.id));
    expect(sold).toContain('<h1>한라봉</h1>');
    expect(sold).toContain('품절');
    expect(sold).toMatch(/<button[^>]*disabled=""[^>]*>담기<\/button>|<button[^>]*disabled[^>]*>/);
  });

  it('renders catalog photos as responsive WebP with their size, and none when there are none', async () => {
    const html = await t.read(paths.product(apple.id));
    expect(html).toMatch(
      /<img src="\/api\/catalog\/v1\/media\/[^"]+-640\.webp" srcset="[^"]+ 320w, [^"]+ 640w, [^"]+ 1280w"/,
    );
    expect(html).toContain('width="640" height="480" alt="수확 직전의 부사 사과" loading="eager"');
    expect(html).toContain('loading="lazy"');
    expect(await t.read(paths.product(hallabong.id))).not.toContain('<img');
    expect(await t.read(paths.farm(organic.id))).toContain('alt="귤밭 전경"');
  });

  it('shows each list card with its cover photo: a small decorative thumbnail, sized so nothing shifts', async () => {
    const listing = await t.read(paths.listing('사과'));
    const card = /<li class="card" data-product="[^"]+">.*?<\/li>/s.exec(listing)?.[0] ?? '';
    // Only the small renditions (a 6rem box needs no 1280), the smallest as src, its size set.
    expect(card).toMatch(
      /<img class="card-photo" src="\/api\/catalog\/v1\/media\/[^"]+-320\.webp" srcset="[^"]+ 320w, [^"]+ 640w" sizes="6rem" width="320" height="240" alt="" loading="eager"/,
    );
    expect(card).toContain('<span class="card-text"><strong>부사 사과</strong>');
    const home = await t.read(paths.home);
    const season = home.slice(home.indexOf('11월 제철 과일'), home.indexOf('못난이 특가'));
    expect(season).toContain('class="card-photo"');
    expect(season).toContain('loading="eager"');
    // The 못난이 deals sit below the fold on a phone: their photos wait until scrolled to.
    const deals = home.slice(home.indexOf('못난이 특가'), home.indexOf('추천 농장'));
    expect(deals).toMatch(/<img class="card-photo"[^>]* loading="lazy"/);
    // A product without photos keeps the plain card.
    const farmPage = await t.read(paths.farm(organic.id));
    const hallabongCard = farmPage.slice(farmPage.indexOf(`data-product="${hallabong.id}"`));
    expect(hallabongCard.slice(0, hallabongCard.indexOf('</li>'))).not.toContain('<img');
  });

  it('gives search results the cover thumbnail through the search index', async () => {
    const rows = JSON.parse(await t.read(paths.searchIndex)) as { name: string; thumbnail: unknown }[];
    expect(rows.find((row) => row.name === '부사 사과')?.thumbnail).toEqual({
      url: expect.stringMatching(/-320\.webp$/),
      width: 320,
      height: 240,
    });
    expect(rows.find((row) => row.name === '한라봉')?.thumbnail).toBeNull();
  });

  it('describes each product in valid schema.org JSON-LD with Open Graph tags', async () => {
    const html = await t.read(paths.product(apple.id));
    const ld = jsonLdOf(html);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: '부사 사과',
      brand: { '@type': 'Brand', name: '햇살사과농원' },
      url: `https://shop.test${paths.product(apple.id)}`,
    });
    expect(ld.image).toHaveLength(2);
    expect(ld.offers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          '@type': 'Offer',
          price: 39_000,
          priceCurrency: 'KRW',
          availability: 'https://schema.org/InStock',
        }),
      ]),
    );
    expect(jsonLdOf(await t.read(paths.product(hallabong.id))).offers).toEqual([
      expect.objectContaining({ price: 32_000, availability: 'https://schema.org/SoldOut' }),
    ]);
    expect(html).toContain('<meta property="og:type" content="product"/>');
    expect(html).toContain(`<meta property="og:url" content="https://shop.test${paths.product(apple.id)}"/>`);
    expect(html).toContain('<meta property="og:image" content="https://shop.test/api/catalog/v1/media/');
  });

  it('builds the home page: in season this month, 못난이 deals, featured farms and the delivery cut-off', async () => {
    const html = await t.read(paths.home);
    expect(html).toContain('11월 제철 과일');
    expect(html).toContain('못난이 특가');
    expect(html).toContain('못난이 부사 사과');
    expect(html).toContain('추천 농장');
    expect(html).toContain('밤 11시까지 주문하면 내일 아침 7시 전 도착');
    // In season in November: the apple, not the 한라봉 (January, February).
    const season = html.slice(html.indexOf('11월 제철 과일'), html.indexOf('못난이 특가'));
    expect(season).toContain('부사 사과');
    expect(season).not.toContain('한라봉');
  });

  it('lists a fruit with filters over an embedded index, and a farm with its story and certifications', async () => {
    const listing = await t.read(paths.listing('사과'));
    expect(listing).toContain(
      '<details class="filters"><summary>필터 · 정렬</summary><form data-filters="true" hidden="">',
    );
    const index = /<script type="application\/json" id="listing-index">(.*?)<\/script>/s.exec(listing)?.[1];
    expect(JSON.parse(index ?? 'null')).toEqual([
      expect.objectContaining({ id: apple.id, sido: '충청북도', certifications: ['GAP'] }),
    ]);
    const farmPage = await t.read(paths.farm(organic.id));
    expect(farmPage).toContain('유기농 인증');
    expect(farmPage).toContain('제10-1-123호');
    expect(farmPage).toContain('한라봉');
  });

  it('keeps the product page small and its scripts deferred', async () => {
    const html = await t.read(paths.product(apple.id));
    expect(Bun.gzipSync(html).byteLength).toBeLessThan(10_000);
    for (const tag of html.match(/<script[^>]*src=[^>]*>/g) ?? []) expect(tag).toContain('type="module"');
  });

  it("names the product's farm for the live delivery promise, with the configured copy until it answers", async () => {
    const html = await t.read(paths.product(apple.id));
    expect(html).toContain(`<p class="promise" data-promise-farm="${apple.farmId}">`);
    expect(html).toMatch(/<span data-promise-text(="true")?>밤 11시까지 주문하면 내일 아침 7시 전 도착<\/span>/);
    // Other pages keep the plain banner.
    expect(await t.read(paths.home)).toContain('<p class="promise">');
  });

  it('builds a catalog of 1,000 products (timed by the storefront-build benchmark)', async () => {
    const big = fixtureCatalog(1_000);
    const server = startFixtureCatalog(big);
    const site = await createTestSite(server.url);
    try {
      const stats = await site.site.fullBuild();
      expect(stats.products).toBe(1_000);
      expect(stats.farms).toBe(200);
      expect(site.store.lookup(paths.product(big.products[999]?.id ?? ''))).toBeDefined();
    } finally {
      site.close();
      server.stop();
    }
  });
});
