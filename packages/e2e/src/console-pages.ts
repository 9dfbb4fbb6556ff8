import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type Account, type AdminAccount, nextTotpCode } from './accounts.ts';
import { newPhone } from './browser.ts';

/** The newest harvest day in the samples. */
const SAMPLE_NEWEST_HARVEST = Date.parse('2026-11-14T00:00:00Z');
const DAY_MS = 86_400_000;

/**
 * One of the catalog's sample uploads (copied from the issue), as a farmer would pick it:
 * byte for byte while its harvest days are recent, which is when they were written. Run
 * later than that, the platform (on the real clock) would refuse 사과 harvested over 60 days
 * ago, so the dates (ASCII in UTF-8 and CP949 alike) move forward to keep the newest a
 * week old; every other byte stays.
 */
export function sampleFile(name: string): { name: string; mimeType: string; buffer: Buffer } {
  const bytes = readFileSync(new URL(`../../../apps/catalog/src/batches/fixtures/${name}`, import.meta.url));
  const shiftDays = Math.max(0, Math.floor((Date.now() - SAMPLE_NEWEST_HARVEST) / DAY_MS) - 7);
  if (shiftDays === 0) return { name, mimeType: 'text/csv', buffer: bytes };
  const text = bytes
    .toString('latin1')
    .replace(/\b2026-11-(\d{2})\b/g, (date) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + shiftDays * DAY_MS).toISOString().slice(0, 10),
    );
  return { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'latin1') };
}

/** A farmer's phone at the narrowest width the console must work at. */
export const newNarrowPhone = (browser: Browser): Promise<BrowserContext> =>
  newPhone(browser, { width: 360, height: 740 });

/** The admin works from the office. */
export function newDesktop(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
  });
}

/** Logs in through the shop's login page and lands on `next`. */
export async function logInThroughPage(page: Page, edge: string, account: Account, next: string): Promise<void> {
  await page.goto(`${edge}/login/?next=${encodeURIComponent(next)}`);
  await page.getByLabel('이메일').fill(account.email);
  await page.getByLabel('비밀번호').fill(account.password);
  await page.getByRole('button', { name: '로그인' }).click();
  await page.waitForURL(`${edge}${next}`);
}

/** An admin's log-in through the same page: password, then the 6-digit code it asks for. */
export async function logInAdminThroughPage(
  page: Page,
  edge: string,
  admin: AdminAccount,
  next: string,
): Promise<void> {
  await page.goto(`${edge}/login/?next=${encodeURIComponent(next)}`);
  await page.getByLabel('이메일').fill(admin.email);
  await page.getByLabel('비밀번호').fill(admin.password);
  await page.getByRole('button', { name: '로그인' }).click();
  await page.getByLabel('인증 코드').fill(await nextTotpCode(admin));
  await page.getByRole('button', { name: '확인' }).click();
  await page.waitForURL(`${edge}${next}`);
}

/**
 * True when nothing on the page is wider than the device (no sideways scrolling on a
 * phone). Compared with the context's viewport, not innerWidth: a mobile browser widens its
 * layout viewport to fit content that overflows, which would hide the overflow.
 */
export async function fitsViewport(page: Page): Promise<boolean> {
  const width = page.viewportSize()?.width ?? 0;
  const used = await page.evaluate(() => document.documentElement.scrollWidth);
  return used <= width;
}

/** The numbers the batch preview shows (새 상품, 새 판매 옵션, 가격 변경, 로트). */
export async function previewCounts(page: Page): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of ['newProducts', 'newOffers', 'priceChanges', 'lots']) {
    counts[name] = Number(await page.locator(`[data-batch-preview] [data-count="${name}"]`).textContent());
  }
  return counts;
}

/**
 * catalog learns of a newly verified farm from identity's FarmerVerified event, a moment after
 * the verification answered (longer on a busy machine): wait until catalog knows the farm.
 */
async function waitForCatalogFarm(edge: string, farmId: string, token: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const inventory = await fetch(`${edge}/api/catalog/v1/farms/${farmId}/inventory`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await inventory.body?.cancel();
    if (inventory.status === 200) return;
    if (inventory.status !== 404 || Date.now() > deadline) {
      throw new Error(`catalog does not know farm ${farmId} yet: ${inventory.status}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Imports one of the samples into a farm through catalog's API (no browser), and waits for
 * the background import: the starting point of tests about what a farmer does afterwards.
 */
export async function importSampleByApi(edge: string, farmId: string, token: string, name: string): Promise<void> {
  await waitForCatalogFarm(edge, farmId, token);
  const sample = sampleFile(name);
  const form = new FormData();
  form.append('file', new File([new Uint8Array(sample.buffer)], sample.name, { type: sample.mimeType }));
  const base = `${edge}/api/catalog/v1/farms/${farmId}/batch-imports`;
  const started = await fetch(base, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (started.status !== 202) throw new Error(`import ${name}: ${started.status} ${await started.text()}`);
  const { id } = (await started.json()) as { id: string };
  for (let attempt = 0; attempt < 100; attempt++) {
    const status = await fetch(`${base}/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const job = (await status.json()) as { status: string };
    if (job.status === 'succeeded') return;
    if (job.status !== 'running') throw new Error(`import ${name}: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import ${name}: still running after 10 s`);
}
