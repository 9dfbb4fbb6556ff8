import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './artifacts.ts';
import { launchBrowser, newPhone } from './browser.ts';
import { edgeUrl } from './platform-context.ts';
import { type ShopPages, shopPages } from './shop-pages.ts';
import { addFirstOfferToCart, cartCount, uniqueEmail } from './shopper.ts';

/** One row of a listing's embedded filter index (see the storefront's pages/listing-page.tsx). */
interface ListingRow {
  id: string;
  offers: { grade: string; priceKrw: number; stockState: string }[];
}

let browser: Browser;
let pages: ShopPages;
let edge: string;

beforeAll(async () => {
  edge = edgeUrl();
  pages = await shopPages(edge);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function phonePage(): Promise<Page> {
  const context = await newPhone(browser);
  return context.newPage();
}

const visibleCards = (page: Page) => page.locator('[data-listing] > li:not([hidden])');

describe('a shopper on a phone, through the edge', () => {
  it('browses from the home page to a fruit listing to a product', async () => {
    const page = await phonePage();
    await page.goto(`${edge}/`);
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('ko');
    await expect.poll(() => page.locator('h1').textContent()).toContain('농장에서 바로');
    await screenshot(page, '01-home');

    await page.getByRole('navigation', { name: '주요 메뉴' }).getByRole('link', { name: '과일' }).click();
    await page.waitForURL(`${edge}/fruits/`);
    const chip = page.locator('.chips a').first();
    const fruit = (await chip.textContent())?.replace(/\s*\d+$/, '').trim() ?? '';
    await chip.click();
    await page.waitForURL(/\/fruits\/[^/]+\/$/);
    expect(await page.locator('h1').textContent()).toBe(fruit);
    await screenshot(page, '02-listing');

    const card = visibleCards(page).first();
    const name = (await card.locator('strong').textContent()) ?? '';
    await card.locator('a').click();
    await page.waitForURL(/\/products\/[^/]+\/$/);
    expect(await page.locator('h1').textContent()).toBe(name);
    await expect.poll(() => page.locator('table.offers tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, '03-product');
    await page.context().close();
  });

  it('filters a listing in the browser, without a request per change', async () => {
    const page = await phonePage();
    // The busiest listing, so a filter has products to keep and products to hide.
    const listings = await Promise.all(
      pages.listings.map(async (path) => ({
        path,
        html: await (await fetch(`${edge}${path}`)).text(),
      })),
    );
    const busiest = listings.sort((a, b) => b.html.length - a.html.length)[0];
    if (!busiest) throw new Error('the shop lists no fruit');
    await page.goto(`${edge}${busiest.path}`);
    const rows = JSON.parse((await page.locator('#listing-index').textContent()) ?? '[]') as ListingRow[];
    const withGrade = (grade: string) => rows.filter((row) => row.offers.some((offer) => offer.grade === grade));
    // The grade that keeps the most products while hiding some shows the filter at work.
    const keptButNotAll = (grade: string) => {
      const kept = withGrade(grade).length;
      return kept < rows.length ? kept : 0;
    };
    const grades = [...new Set(rows.flatMap((row) => row.offers.map((offer) => offer.grade)))];
    const [grade = '특'] = grades.sort((a, b) => keptButNotAll(b) - keptButNotAll(a));
    const expected = withGrade(grade);
    const shownIds = () => visibleCards(page).evaluateAll((cards) => cards.map((card) => card.dataset.product ?? ''));

    await page.getByText('필터 · 정렬').click();
    const requestsWhileFiltering: string[] = [];
    page.on('request', (request) => requestsWhileFiltering.push(request.url()));
    await page.locator(`input[name="grade"][value="${grade}"]`).check();
    await expect.poll(() => page.locator('[data-listing-count]').textContent()).toBe(`${expected.length}개 상품`);
    expect((await shownIds()).sort()).toEqual(expected.map((row) => row.id).sort());
    await screenshot(page, '04-listing-filtered');

    await page.getByRole('button', { name: '필터 초기화' }).click();
    await expect.poll(() => visibleCards(page).count()).toBe(rows.length);
    // Cheapest box first, over every product of the listing.
    await page.locator('#filter-sort').selectOption('price_asc');
    const lowest = (id: string) =>
      Math.min(...(rows.find((row) => row.id === id)?.offers ?? []).map((offer) => offer.priceKrw));
    const ascending = rows.map((row) => lowest(row.id)).sort((a, b) => a - b);
    await expect.poll(async () => (await shownIds()).map(lowest)).toEqual(ascending);
    expect(requestsWhileFiltering).toEqual([]);
    await page.context().close();
  });

  it('searches in Korean: partial words, several words, and initial consonants (초성)', async () => {
    const page = await phonePage();
    await page.goto(`${edge}/search/`);
    const box = page.getByLabel('찾는 과일, 품종, 농장, 지역');
    const results = page.locator('[data-search-results] > li');

    await box.fill('사과');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    const names = await results.locator('strong').allTextContents();
    expect(names.every((name) => name.includes('사과'))).toBe(true);
    await expect.poll(() => page.locator('[data-search-summary]').textContent()).toContain('‘사과’ 검색 결과');
    // `농장 · 시도 시군구`: the region of an apple farm, for the two-word search below. Not
    // simply the first result's: a farm whose farmer has not filled in the profile yet (as
    // the console tests' new farms) lists no region.
    const farms = await results.locator('.muted').allTextContents();
    const sido = farms.map((farm) => farm.split('·')[1]?.trim().split(' ')[0] ?? '').find((name) => name !== '') ?? '';
    expect(sido).not.toBe('');
    await screenshot(page, '05-search');

    await box.fill('ㅅㄱ');
    await expect.poll(async () => (await results.locator('strong').allTextContents()).join(' ')).toContain('사과');

    // Every word must match: a fruit and a region that grows it narrow the list down.
    await box.fill(`사과 ${sido}`);
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    const regions = await results.locator('.muted').allTextContents();
    expect(regions.every((region) => region.includes(sido))).toBe(true);

    await box.fill('없는과일이름');
    await expect.poll(() => page.locator('[data-search-summary]').textContent()).toContain('검색 결과 0개');

    // The query is kept in the address, so a reload or a shared link shows the same results.
    await box.fill('사과');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('사과');
    await page.reload();
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('adds a box to the cart, and the cart survives a reload', async () => {
    const page = await phonePage();
    const product = pages.products[0];
    if (!product) throw new Error('the shop has no product');
    await page.goto(`${edge}${product}`);
    const added = await addFirstOfferToCart(page);
    await expect.poll(() => page.locator('[data-cart-status]').textContent()).toContain('장바구니에 담았어요');
    await expect.poll(() => cartCount(page)).toBe('1');

    await page
      .getByRole('navigation', { name: '주요 메뉴' })
      .getByRole('link', { name: /장바구니/ })
      .click();
    await page.waitForURL(`${edge}/cart/`);
    const line = page.locator('.cart-line');
    await expect.poll(() => line.count()).toBe(1);
    expect(await line.locator('a').textContent()).toContain(added.name);
    await page.getByRole('button', { name: `${added.name} 한 상자 더하기` }).click();
    await expect.poll(() => line.locator('.quantity').textContent()).toBe('2상자');
    await screenshot(page, '06-cart');

    await page.reload();
    await expect.poll(() => line.locator('.quantity').textContent()).toBe('2상자');
    await expect.poll(() => cartCount(page)).toBe('2');
    await page.context().close();
  });

  it('signs up, logs out, logs back in and keeps the cart, then logs out', async () => {
    const page = await phonePage();
    const email = uniqueEmail('shopper');
    const password = 'sweet-persimmon-2026';
    const product = pages.products[1] ?? pages.products[0];
    if (!product) throw new Error('the shop has no product');
    await page.goto(`${edge}${product}`);
    await addFirstOfferToCart(page);

    await page.goto(`${edge}/signup/`);
    await page.getByLabel('이메일').fill(email);
    await page.getByLabel('비밀번호').fill(password);
    await page.getByLabel('이름').fill('김과일');
    await screenshot(page, '07-signup');
    await page.getByRole('button', { name: '가입하기' }).click();
    await page.waitForURL(`${edge}/account/`);
    await expect.poll(() => page.locator('[data-profile="email"]').textContent()).toBe(email);
    expect(await page.locator('[data-profile="displayName"]').textContent()).toBe('김과일');
    await expect.poll(() => page.locator('[data-account-link]').textContent()).toBe('내 계정');
    await screenshot(page, '08-account');

    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.waitForURL(`${edge}/`);
    await expect.poll(() => page.locator('[data-account-link]').textContent()).toBe('로그인');
    // Signed out, my account sends you to log in and comes back after.
    await page.goto(`${edge}/account/`);
    await page.waitForURL(`${edge}/login/?next=/account/`);

    await page.getByLabel('이메일').fill(email);
    await page.getByLabel('비밀번호').fill('not-my-password-1');
    await page.getByRole('button', { name: '로그인' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('이메일 또는 비밀번호를 확인해 주세요');
    await page.getByLabel('비밀번호').fill(password);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.waitForURL(`${edge}/account/`);
    await expect.poll(() => page.locator('[data-profile="displayName"]').textContent()).toBe('김과일');
    await expect.poll(() => cartCount(page)).toBe('1');
    await screenshot(page, '09-logged-in');

    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.waitForURL(`${edge}/`);
    await expect.poll(() => page.locator('[data-account-link]').textContent()).toBe('로그인');
    await page.context().close();
  });
});
