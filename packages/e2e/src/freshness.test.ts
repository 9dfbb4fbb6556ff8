import { formatKrw } from '@fruitables/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, onboardFarmer } from './accounts.ts';
import { screenshot } from './artifacts.ts';
import { launchBrowser, newPhone } from './browser.ts';
import { changePrice, type Farmer, type ListedProduct, listProduct, waitForFarm } from './catalog.ts';
import { edgeUrl, platform } from './platform-context.ts';

/** The freshness budget: a catalog change is on the shop's pages within this. */
const FRESHNESS_BUDGET_MS = 2_000;

/** Polls a page through the edge until `ready` holds; returns when it first did. */
async function waitForPage(url: string, ready: (html: string) => boolean, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const response = await fetch(url);
    if (response.status === 200 && ready(await response.text())) return performance.now();
    await Bun.sleep(20);
  }
  throw new Error(`${url} did not show the change within ${timeoutMs} ms`);
}

let edge: string;
let farmer: Farmer;
let listed: ListedProduct;
let productUrl: string;
let browser: Browser;

beforeAll(async () => {
  edge = edgeUrl();
  browser = await launchBrowser();
  const admin = await createAdmin(platform());
  farmer = await onboardFarmer(edge, admin);
  await waitForFarm(edge, farmer.farmId);
  listed = await listProduct(edge, farmer, 39_000);
  productUrl = `${edge}/products/${listed.productId}/`;
  // ProductPublished → the rebuilder writes the page and evicts its cached 404.
  await waitForPage(productUrl, (html) => html.includes(formatKrw(39_000)), 20_000);
});
afterAll(async () => {
  await browser?.close();
});

describe('the shop follows catalog, through the edge', () => {
  it(`shows a new price at the edge within ${FRESHNESS_BUDGET_MS} ms of catalog's API accepting it`, async () => {
    // The page is in the edge's cache first: the change has to evict it, not just miss.
    await fetch(productUrl);
    expect((await fetch(productUrl)).headers.get('x-cache')).toBe('hit');

    await changePrice(edge, farmer, listed.offerId, 42_000);
    const accepted = performance.now();
    const shown = await waitForPage(productUrl, (html) => html.includes(formatKrw(42_000)), 15_000);
    const elapsed = shown - accepted;
    console.log(`price change → new page at the edge: ${Math.round(elapsed)} ms`);
    expect(elapsed).toBeLessThanOrEqual(FRESHNESS_BUDGET_MS);

    const page = await (await newPhone(browser)).newPage();
    await page.goto(productUrl);
    await expect.poll(() => page.locator('table.offers .price').first().textContent()).toBe(formatKrw(42_000));
    await screenshot(page, '10-new-price');
    await page.context().close();
  });

  it('keeps serving the shop from the edge while the storefront origin is down', async () => {
    const stack = platform();
    const origin = `http://127.0.0.1:${stack.state.ports.services.storefront}`;
    const paths = ['/', new URL(productUrl).pathname, '/search/', '/data/search-index.json'];
    for (const path of paths) await fetch(`${edge}${path}`);
    const before = await Promise.all(paths.map(async (path) => (await fetch(`${edge}${path}`)).text()));

    await stack.stopService('storefront');
    try {
      await expect(fetch(`${origin}/healthz`)).rejects.toThrow();
      for (const [index, path] of paths.entries()) {
        const response = await fetch(`${edge}${path}`);
        expect(response.status, path).toBe(200);
        expect(await response.text(), path).toBe(before[index]);
      }
      const page = await (await newPhone(browser)).newPage();
      await page.goto(productUrl);
      await expect.poll(() => page.locator('h1').textContent()).toBe('감홍 사과');
      await screenshot(page, '11-origin-down');
      await page.context().close();
    } finally {
      await stack.startService('storefront');
    }
  });
});
