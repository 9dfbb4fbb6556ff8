import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, createAdmin, signUp, verifyEmail } from './accounts.ts';
import { screenshot } from './artifacts.ts';
import { launchBrowser, newPhone } from './browser.ts';
import { logInThroughPage, newNarrowPhone } from './console-pages.ts';
import { edgeUrl, platform } from './platform-context.ts';
import {
  addOneBoxSignedIn,
  courierUntil,
  type EarliestDate,
  farmPromise,
  fillRecipient,
  openFarmerDay,
  orderOf,
  payWith,
  type SellingFarm,
  sellingFarm,
  shipBox,
  startPacking,
  textOf,
  waitForOrderDone,
  waitForPaymentPage,
} from './purchase.ts';

/*
 * Issue #14 through the edge: the product page and the checkout show one promise (logistics'
 * headline and earliest date for the farm); the farmer prints the day's labels (masked phone,
 * order number, a QR code to the lot's trace page) and ships; the shopper's order page, open
 * all along, moves to 배송 중 and then 배송 완료 as the courier (the tracker stand-in, its
 * clock run from the test) scans the parcel.
 */

let browser: Browser;
let edge: string;
let farm: SellingFarm;
let shopper: Account;
let shopperPage: Page;
let orderId: string;
let orderNumber: string;
let earliest: EarliestDate;

beforeAll(async () => {
  edge = edgeUrl();
  browser = await launchBrowser();
  const admin = await createAdmin(platform());
  farm = await sellingFarm(edge, admin, `약속농원 ${Date.now().toString(36)}`, 30_000, '홍로');
  shopper = await verifyEmail(edge, await signUp(edge, '한지우'));
});
afterAll(async () => {
  await browser?.close();
});

describe('the delivery promise, labels and live tracking (issue #14)', () => {
  it('the checkout shows the same promise as the product page: headline and earliest date', async () => {
    const promise = await farmPromise(edge, farm.farmId);
    if (!promise.headline || !promise.earliest) throw new Error(`the farm has no promise: ${JSON.stringify(promise)}`);
    earliest = promise.earliest;

    shopperPage = await (await newPhone(browser)).newPage();
    const page = shopperPage;
    await logInThroughPage(page, edge, shopper, '/cart/');
    await page.goto(`${edge}/products/${farm.product.productId}/`);
    // The banner's sentence is logistics' own for this farm, asked for when the page opens.
    await expect
      .poll(() => page.locator('[data-promise-text]').textContent(), { timeout: 10_000 })
      .toBe(promise.headline);
    await screenshot(page, 'promise-01-product');
    await addOneBoxSignedIn(page);

    await page.goto(`${edge}/cart/`);
    await expect.poll(() => page.locator('.cart-line').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: '주문하기' }).click();
    await page.waitForURL(`${edge}/checkout/`);
    await fillRecipient(page);
    const promiseLine = page.locator('.cart-promise');
    await expect.poll(() => promiseLine.textContent(), { timeout: 10_000 }).toContain(promise.headline);
    // The earliest date is the one already chosen, under the same words.
    const dates = page.getByRole('group', { name: `${farm.name} 도착일` });
    await expect.poll(() => dates.getByLabel(earliest.label).isChecked(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'promise-02-checkout');

    await page.getByRole('button', { name: '결제하기' }).click();
    await waitForPaymentPage(page);
    await payWith(page, '테스트 카드 · 결제 성공');
    orderId = await waitForOrderDone(page);
    orderNumber = await textOf(page.locator('[data-order-number]'));
    const order = await orderOf(edge, shopper, orderId);
    expect(order.fulfilments[0]?.deliveryDate).toBe(earliest.date);

    await page.goto(`${edge}/account/orders/?id=${orderId}`);
    await expect.poll(async () => (await orderOf(edge, shopper, orderId)).status, { timeout: 15_000 }).toBe('paid');
    await page.reload();
    await expect
      .poll(() => page.locator('[data-fulfilment-status]').getAttribute('data-fulfilment-status'), { timeout: 10_000 })
      .toBe('paid');
  });

  it('the farmer prints the labels (masked phone, order number, QR) and ships the box', async () => {
    const page = await (await newNarrowPhone(browser)).newPage();
    await logInThroughPage(page, edge, farm.account, '/farmer/orders/');
    await openFarmerDay(page, edge, '/farmer/orders/', earliest.dispatchDate);
    await startPacking(page, orderNumber);
    await openFarmerDay(page, edge, '/farmer/shipping/', earliest.dispatchDate);
    await expect.poll(() => page.locator(`[data-shipment="${orderNumber}"]`).count(), { timeout: 10_000 }).toBe(1);

    const [labels] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('button', { name: '라벨 인쇄 (100×150 감열지)' }).click(),
    ]);
    await expect.poll(() => labels.content(), { timeout: 10_000 }).toContain(orderNumber);
    const html = await labels.content();
    // The courier and the neighbours see the recipient's number masked, never whole.
    expect(html).toContain('010-****-5678');
    expect(html).not.toContain('010-1234-5678');
    expect(await labels.locator('svg').count()).toBeGreaterThan(0);
    await screenshot(labels, 'promise-03-labels');
    await labels.close();

    await shipBox(page, orderNumber, '560011112222', 'promise-04-ship');
    await page.context().close();
  });

  it("the shopper's order page moves to 배송 중 and then 배송 완료 live, without a reload", async () => {
    const page = shopperPage;
    const badge = page.locator('[data-fulfilment-status]');
    await expect.poll(() => badge.getAttribute('data-fulfilment-status'), { timeout: 15_000 }).toBe('shipped');
    expect(await badge.textContent()).toBe('배송 중');
    // Every word on the card is Korean: a line going out as ordered shows no status of its own.
    expect(await page.locator('[data-fulfilment]').textContent()).not.toMatch(/active/);
    await screenshot(page, 'promise-05-on-the-way');

    await courierUntil(() => badge.getAttribute('data-fulfilment-status'), 'delivered');
    expect(await badge.textContent()).toBe('배송 완료');
    expect(await page.locator('[data-shipment-status]').getAttribute('data-shipment-status')).toBe('delivered');
    await screenshot(page, 'promise-06-delivered');
  });
});
