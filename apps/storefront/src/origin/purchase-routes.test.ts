import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../site/paths.ts';
import { createTestApp } from '../testing/app-harness.ts';
import { startFixtureCatalog } from '../testing/fixture-catalog-server.ts';
import { createTestSite, type TestSite } from '../testing/site-harness.ts';

let catalog: ReturnType<typeof startFixtureCatalog>;
let t: TestSite;
let app: ReturnType<typeof createTestApp>;

beforeAll(async () => {
  catalog = startFixtureCatalog({ farms: [], products: [], lots: [] });
  t = await createTestSite(catalog.url);
  app = createTestApp(t);
  await t.site.fullBuild();
});
afterAll(() => {
  t.close();
  catalog.stop();
});

const csp = async (path: string) => (await app.request(path)).headers.get('content-security-policy') ?? '';

describe('checkout and my orders at the origin', () => {
  it.each([
    [paths.checkout, 'checkout'],
    [paths.checkoutSuccess, 'payment-return'],
    [paths.checkoutFail, 'payment-return'],
    [paths.orders, 'orders'],
    [paths.giftAddress, 'gift-address'],
  ])('%s is a no-store frame (never kept by the edge) that loads its island', async (path, script) => {
    const response = await app.request(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const html = await response.text();
    expect(html).toContain('<meta name="robots" content="noindex"');
    expect(html).toMatch(new RegExp(`<script type="module" src="/assets/${script}-[a-z0-9]+\\.js"`));
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/purchase-[a-z0-9]+\.css"/);
  });

  it('labels every checkout input, names its buttons, and carries no shopper data', async () => {
    const html = await (await app.request(paths.checkout)).text();
    for (const id of [
      'recipient-name',
      'recipient-phone',
      'recipient-postcode',
      'recipient-address1',
      'recipient-address2',
      'recipient-note',
    ]) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('우편번호 찾기');
    expect(html).toContain('결제하기');
  });

  it('admits Toss and the postcode search on the checkout frame only', async () => {
    const checkout = await csp(paths.checkout);
    expect(checkout).toContain("script-src 'self' https://js.tosspayments.com https://t1.daumcdn.net");
    expect(checkout).toContain('frame-src https://*.tosspayments.com');
    for (const path of [
      paths.checkoutSuccess,
      paths.checkoutFail,
      paths.orders,
      paths.giftAddress,
      paths.cart,
      paths.home,
    ]) {
      const strict = await csp(path);
      expect(strict, path).toContain("script-src 'self';");
      expect(strict, path).not.toContain('tosspayments');
    }
  });

  it('keeps checkout out of search engines', async () => {
    const robots = await (await app.request(paths.robots)).text();
    expect(robots).toContain('Disallow: /checkout/');
    expect(robots).toContain('Disallow: /account/');
    expect(robots).toContain('Disallow: /gift/address/');
  });

  it('labels every input of the gift recipient’s address page, in Korean, with no buyer data', async () => {
    const html = await (await app.request(paths.giftAddress)).text();
    expect(html).toContain('<html lang="ko"');
    for (const id of ['recipient-name', 'recipient-phone', 'recipient-postcode', 'recipient-address1']) {
      expect(html).toContain(`<label for="${id}">`);
    }
    expect(html).toContain('이 주소로 받을게요');
  });
});
