import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../site/paths.ts';
import { cachePolicies } from '../site/rendered-page.ts';
import { createTestApp } from '../testing/app-harness.ts';
import { startFixtureCatalog } from '../testing/fixture-catalog-server.ts';
import { fixtureFarm, fixtureLot, fixtureProduct } from '../testing/fixture-data.ts';
import { createTestSite, type TestSite } from '../testing/site-harness.ts';

const farm = fixtureFarm();
const product = fixtureProduct(farm);
const offer = product.offers[0];
if (!offer) throw new Error('fixture product has no offer');
const lot = fixtureLot(farm, product, offer, 'CJ-FUJI-T50-261118');

let catalog: ReturnType<typeof startFixtureCatalog>;
let t: TestSite;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  catalog = startFixtureCatalog({ farms: [farm], products: [product], lots: [lot] });
  t = await createTestSite(catalog.url);
  app = createTestApp(t);
  await t.site.fullBuild();
});
afterAll(() => {
  t.close();
  catalog.stop();
});

describe('the storefront origin', () => {
  it('is not ready, and serves nothing cacheable, before the first build', async () => {
    const unbuilt = await createTestSite(catalog.url);
    try {
      const early = createTestApp(unbuilt);
      expect((await early.request('/readyz')).status).toBe(503);
      const response = await early.request('/');
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      await unbuilt.site.fullBuild();
      expect((await early.request('/readyz')).status).toBe(200);
    } finally {
      unbuilt.close();
    }
  });

  it('serves pages with a shared-cache policy, surrogate keys, an ETag and a strict CSP', async () => {
    const response = await app.request(paths.product(product.id));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe(cachePolicies.page);
    expect(response.headers.get('cache-control')).toMatch(
      /max-age=60, s-maxage=86400, stale-while-revalidate=\d+, stale-if-error=\d+/,
    );
    expect(response.headers.get('xkey')?.split(' ')).toEqual(
      expect.arrayContaining(['site', `product-${product.id}`, `farm-${farm.id}`]),
    );
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The stylesheet is inline, allowed by its hash and by nothing looser.
    const html = await response.clone().text();
    const css = /<style>(.*?)<\/style>/s.exec(html)?.[1] ?? '';
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(css))).toString('base64');
    expect(css.length).toBeGreaterThan(1_000);
    expect(response.headers.get('content-security-policy')).toContain(`style-src 'self' 'sha256-${digest}';`);
    const etag = response.headers.get('etag') ?? '';
    const again = await app.request(paths.product(product.id), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await (await app.request('/')).text()).toContain('<html lang="ko">');
  });

  it('serves content-hashed assets as immutable for a year', async () => {
    const html = await (await app.request('/')).text();
    const icon = /href="(\/assets\/icon-[a-z0-9]+\.svg)"/.exec(html)?.[1];
    const js = /src="(\/assets\/site-[a-z0-9]+\.js)"/.exec(html)?.[1];
    for (const asset of [icon, js]) {
      const response = await app.request(asset ?? '/missing');
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('finds Korean paths however they are encoded, and adds the trailing slash', async () => {
    expect((await app.request('/fruits/%EC%82%AC%EA%B3%BC/')).status).toBe(200);
    const redirect = await app.request(`/products/${product.id}?utm=x`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe(`/products/${product.id}/?utm=x`);
  });

  it('answers unknown pages with the shop’s 404, keyed so a later publish evicts it', async () => {
    const missing = crypto.randomUUID();
    const response = await app.request(`/products/${missing}/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('페이지를 찾을 수 없어요');
    expect(response.headers.get('cache-control')).toBe(cachePolicies.notFound);
    expect(response.headers.get('xkey')).toBe(`site product-${missing}`);
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/builds/', '/current/index.html']) {
      expect((await app.request(path)).status).toBe(404);
    }
  });

  it('renders a lot’s trace page on request, for the QR code on the box', async () => {
    const response = await app.request(paths.lot(farm.id, lot.lotCode));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('이 상자의 이력');
    expect(html).toContain('CJ-FUJI-T50-261118');
    expect(html).toContain('2026년 11월 18일');
    expect(html).toContain('15.2 Brix');
    expect(response.headers.get('xkey')).toBe(`site farm-${farm.id} farm-lots-${farm.id} product-${product.id}`);
    const unknown = await app.request(paths.lot(farm.id, 'NO-SUCH-LOT'));
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('xkey')).toBe(`site farm-lots-${farm.id}`);
  });

  it('answers 503, uncached, when catalog cannot tell it about a lot', async () => {
    const gone = startFixtureCatalog({ farms: [farm], products: [product], lots: [lot] });
    const site = await createTestSite(gone.url);
    try {
      await site.site.fullBuild();
      gone.stop();
      const orphan = createTestApp(site);
      const response = await orphan.request(paths.lot(farm.id, lot.lotCode));
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      // Built pages do not need catalog.
      expect((await orphan.request(paths.product(product.id))).status).toBe(200);
    } finally {
      site.close();
    }
  });
});
