import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from './artifacts.ts';
import { launchBrowser } from './browser.ts';
import { type FirstView, measureFirstView } from './first-view.ts';
import { edgeUrl } from './platform-context.ts';
import { type ShopPages, shopPages } from './shop-pages.ts';

/** Issue #5: a product page's first view, HTML + CSS + JS compressed, images excluded. */
const PRODUCT_PAGE_BUDGET_BYTES = 30_000;

let browser: Browser;
let edge: string;
let pages: ShopPages;

beforeAll(async () => {
  edge = edgeUrl();
  pages = await shopPages(edge);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function measureAll(paths: string[]): Promise<FirstView[]> {
  const views: FirstView[] = [];
  // One at a time: each in a fresh phone with an empty cache, as a first visit is.
  for (const path of paths) views.push(await measureFirstView(browser, `${edge}${path}`));
  return views;
}

function expectNoShiftOrBlocking(view: FirstView): void {
  expect(view.renderBlockingScripts, view.url).toEqual([]);
  expect(view.fontRequests, view.url).toEqual([]);
  expect(view.imagesWithoutSize, view.url).toEqual([]);
  expect(view.layoutShift, view.url).toBe(0);
  expect(view.wordBreak, view.url).toBe('keep-all');
}

describe('page budgets, measured in a phone browser through the edge', () => {
  it(`keeps every product page's first view within ${PRODUCT_PAGE_BUDGET_BYTES.toLocaleString('en-US')} bytes compressed`, async () => {
    expect(pages.products.length).toBeGreaterThan(0);
    const views = await measureAll(pages.products);
    const heaviest = [...views].sort((a, b) => b.bytes.total - a.bytes.total)[0];
    writeFileSync(
      artifactPath('budgets', 'product-pages.json'),
      `${JSON.stringify({ budgetBytes: PRODUCT_PAGE_BUDGET_BYTES, heaviest, all: views.map((v) => ({ url: v.url, bytes: v.bytes })) }, null, 2)}\n`,
    );
    console.log(
      `heaviest product page first view: ${JSON.stringify(heaviest?.bytes)} bytes compressed (${heaviest?.url})`,
    );
    for (const view of views) {
      // Compressed means compressed: the edge gzips every text response it serves.
      for (const file of view.files) expect(file.encoding, file.url).toBe('gzip');
      expect(view.bytes.total, view.url).toBeLessThanOrEqual(PRODUCT_PAGE_BUDGET_BYTES);
      expectNoShiftOrBlocking(view);
    }
  });

  it('loads home and every listing without render-blocking scripts, web fonts or layout shift', async () => {
    const views = await measureAll([pages.home, ...pages.listings]);
    writeFileSync(
      artifactPath('budgets', 'home-and-listings.json'),
      `${JSON.stringify(
        views.map((v) => ({ url: v.url, bytes: v.bytes, layoutShift: v.layoutShift })),
        null,
        2,
      )}\n`,
    );
    for (const view of views) expectNoShiftOrBlocking(view);
  });
});
