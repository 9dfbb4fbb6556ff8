import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin, onboardFarmer } from './accounts.ts';
import { artifactPath, screenshot } from './artifacts.ts';
import { launchBrowser } from './browser.ts';
import { logInThroughPage, newNarrowPhone, previewCounts } from './console-pages.ts';
import { edgeUrl, platform } from './platform-context.ts';

const ROWS = 10_000;

/** A season's worth of one offer: 10,000 lots harvested yesterday (Seoul), codes L00001…. */
function largeBatch(): Buffer {
  const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Seoul' });
  const lines = ['로트번호,품목,품종,등급,포장중량kg,과수,수량,판매가,수확일,당도,비고'];
  for (let row = 1; row <= ROWS; row++) {
    lines.push(`L${String(row).padStart(5, '0')},사과,홍로,상,5,18,${(row % 40) + 1},31000,${yesterday},14.0,`);
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

interface Watch {
  /** Each distinct progress text shown, in order. */
  progress: string[];
  /** The longest gap between two animation frames: how long the page was frozen at worst. */
  longestFrameGapMs: number;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a 10,000-row harvest upload in the console', () => {
  it('shows progress moving through upload, check and import, and never freezes the page', async () => {
    const edge = edgeUrl();
    const farmer = await onboardFarmer(edge, await createAdmin(platform()));
    const page = await (await newNarrowPhone(browser)).newPage();
    await logInThroughPage(page, edge, farmer.account, '/farmer/batches/');
    await page.evaluate(() => {
      const watch = { progress: [] as string[], longestFrameGapMs: 0 };
      (window as unknown as { watch: Watch }).watch = watch;
      const record = () => {
        const text = document.querySelector('[data-progress]')?.textContent ?? '';
        if (text && watch.progress.at(-1) !== text) watch.progress.push(text);
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
      let last = performance.now();
      const frame = (now: number) => {
        watch.longestFrameGapMs = Math.max(watch.longestFrameGapMs, now - last);
        last = now;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });

    await page
      .locator('[data-batch-file]')
      .setInputFiles({ name: '홍로-10000.csv', mimeType: 'text/csv', buffer: largeBatch() });
    await page.locator('[data-batch-preview]').waitFor({ timeout: 60_000 });
    expect(await previewCounts(page)).toEqual({ newProducts: 1, newOffers: 1, priceChanges: 0, lots: ROWS });
    await page.locator('[data-confirm-import]').click();
    await expect
      .poll(() => page.locator('[data-import-done]').textContent(), { timeout: 120_000, interval: 250 })
      .toContain('로트 10,000개');
    await screenshot(page, 'console-09-large-import');

    const watch = await page.evaluate(() => (window as unknown as { watch: Watch }).watch);
    writeFileSync(artifactPath('budgets', 'large-batch-upload.json'), `${JSON.stringify(watch, null, 2)}\n`);
    // Upload, check and import each showed themselves, and the import counted toward 10,000.
    expect(watch.progress.some((text) => text.includes('올리는 중'))).toBe(true);
    expect(watch.progress.some((text) => text.includes('검사 중'))).toBe(true);
    expect(watch.progress.some((text) => /등록 중 \([\d,]+ \/ 10,000행\)/.test(text))).toBe(true);
    // A frozen page misses frames for seconds; a busy 2-core machine may drop a few.
    expect(watch.longestFrameGapMs).toBeLessThan(1_000);
  });
});
