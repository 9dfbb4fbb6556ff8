import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, createAdmin, signUp, verifyEmail } from './accounts.ts';
import { screenshot } from './artifacts.ts';
import { launchBrowser, newPhone } from './browser.ts';
import { logInThroughPage, newNarrowPhone } from './console-pages.ts';
import { edgeUrl, platform } from './platform-context.ts';
import {
  chooseEarliestDate,
  courierUntil,
  earliestDispatch as earliestOf,
  fillRecipient,
  type OrderView,
  openFarmerDay,
  orderOf,
  payWith,
  type SellingFarm,
  sellingFarm,
  shipBox,
  startPacking,
  waitForOrderDone,
  waitForPaymentPage,
} from './purchase.ts';
import { addFirstOfferToCart } from './shopper.ts';

/*
 * The whole purchase, as issue #12 tells it, through the edge with every service real and only
 * the outside providers stood in (Toss's payment window, tracker.delivery's courier): a shopper
 * fills a cart from two farms as a guest, logs in (the cart merges), picks a dawn-delivery date,
 * chooses what happens if the harvest comes up short, pays on the payment page and sees the
 * order. One farmer reports a shortage (the shopper's choice refunds the box), the other packs
 * and ships with a 송장번호; the courier moves the parcel and the order page follows it live
 * to 배송 완료; the shopper confirms the purchase (구매확정).
 */

const suffix = Date.now().toString(36);
const farmNames = { gamhong: `감홍농원 ${suffix}`, busa: `부사농원 ${suffix}` };

let browser: Browser;
let edge: string;
let gamhongFarm: SellingFarm;
let busaFarm: SellingFarm;
let shopper: Account;
let shopperPage: Page;
let orderId: string;
let orderNumber: string;

const orderAsShopper = (): Promise<OrderView> => orderOf(edge, shopper, orderId);
const earliestDispatch = (farmId: string) => earliestOf(edge, farmId);

beforeAll(async () => {
  edge = edgeUrl();
  browser = await launchBrowser();
  const admin = await createAdmin(platform());
  gamhongFarm = await sellingFarm(edge, admin, farmNames.gamhong, 12_000, '감홍');
  busaFarm = await sellingFarm(edge, admin, farmNames.busa, 25_000, '부사');
  shopper = await verifyEmail(edge, await signUp(edge, '김민지'));
});
afterAll(async () => {
  await browser?.close();
});

describe('the purchase journey through the edge', () => {
  it('a guest fills a cart from two farms, logs in (the cart merges), checks out and pays on the payment page', async () => {
    const context = await newPhone(browser);
    shopperPage = await context.newPage();
    const page = shopperPage;

    await page.goto(`${edge}/products/${gamhongFarm.product.productId}/`);
    await addFirstOfferToCart(page);
    await page.goto(`${edge}/products/${busaFarm.product.productId}/`);
    await addFirstOfferToCart(page);

    await logInThroughPage(page, edge, shopper, '/cart/');
    await expect.poll(() => page.locator('.cart-line').count(), { timeout: 10_000 }).toBe(2);
    // Two boxes of 감홍, so one can come up short and one still ships.
    await page.getByRole('button', { name: /감홍.*한 상자 더하기/ }).click();
    await expect.poll(() => page.locator('.cart-line').first().textContent()).toContain('2상자');
    await screenshot(page, 'journey-01-cart');

    await page.getByRole('button', { name: '주문하기' }).click();
    await page.waitForURL(`${edge}/checkout/`);
    await fillRecipient(page);
    // The same promise the product page shows: each farm's earliest dawn date, chosen.
    for (const farm of [gamhongFarm, busaFarm]) await chooseEarliestDate(page, edge, farm);
    await page
      .getByRole('group', { name: /감홍.*수확이 모자라면/ })
      .getByLabel('환불')
      .check();
    await page
      .getByRole('group', { name: /부사.*수확이 모자라면/ })
      .getByLabel('다음 수확까지 기다리기')
      .check();
    // 24,000원 of 감홍 pays its 3,000원 fee; 25,000원 of 부사 too (free from 30,000원).
    await expect.poll(() => page.locator('[data-checkout-total]').textContent()).toContain('55,000');
    await screenshot(page, 'journey-02-checkout');

    await page.getByRole('button', { name: '결제하기' }).click();
    await waitForPaymentPage(page);
    await screenshot(page, 'journey-03-payment-page');
    await payWith(page, '테스트 카드 · 결제 성공');
    orderId = await waitForOrderDone(page);
    orderNumber = ((await page.locator('[data-order-number]').textContent()) ?? '').trim();
    expect(orderNumber).toMatch(/^FT-\d{8}-\d{4,}$/);
    await screenshot(page, 'journey-04-paid');

    await page.getByRole('link', { name: '주문 상세 보기' }).click();
    await expect.poll(async () => (await orderAsShopper()).status, { timeout: 15_000 }).toBe('paid');
    const order = await orderAsShopper();
    expect(order.amount).toBe(55_000);
    expect(order.fulfilments).toHaveLength(2);
    for (const fulfilment of order.fulfilments) {
      expect(fulfilment.status).toBe('paid');
      // The lots the boxes come from are on the order: the box is traceable from it.
      for (const line of fulfilment.lines) expect(line.lots.length).toBeGreaterThan(0);
    }
    await page.reload();
    await expect.poll(() => page.locator('[data-order-status]').getAttribute('data-order-status')).toBe('paid');
    await screenshot(page, 'journey-05-order');
  });

  it('one farmer reports a shortage: the shopper chose a refund, so one box is refunded at once', async () => {
    const earliest = await earliestDispatch(gamhongFarm.farmId);
    const page = await (await newNarrowPhone(browser)).newPage();
    await logInThroughPage(page, edge, gamhongFarm.account, '/farmer/orders/');
    await openFarmerDay(page, edge, '/farmer/orders/', earliest.dispatchDate);
    const card = page.locator(`[data-fulfilment="${orderNumber}"]`);
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    await card.getByRole('button', { name: '부족 신고' }).click();
    await card.getByLabel(/감홍.*부족한 상자/).fill('1');
    await card.getByLabel('부족 사유').fill('우박 피해로 한 상자가 모자라요');
    await screenshot(page, 'journey-06-shortage');
    await card.getByRole('button', { name: '부족 신고하기' }).click();
    await expect.poll(() => page.locator('.notice-ok').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.context().close();

    await expect.poll(async () => (await orderAsShopper()).refundedTotal, { timeout: 20_000 }).toBe(12_000);
    const fulfilment = (await orderAsShopper()).fulfilments.find((f) => f.farmId === gamhongFarm.farmId);
    expect((await orderAsShopper()).refunds).toEqual([
      expect.objectContaining({ amount: 12_000, fulfilmentId: fulfilment?.id }),
    ]);
    await shopperPage.reload();
    await expect.poll(() => shopperPage.getByText(/환불 12,000원/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(shopperPage, 'journey-07-refund-shown');
  });

  it('the other farmer packs and ships; the order page follows the parcel live to 배송 완료, then 구매확정', async () => {
    const earliest = await earliestDispatch(busaFarm.farmId);
    const page = await (await newNarrowPhone(browser)).newPage();
    await logInThroughPage(page, edge, busaFarm.account, '/farmer/orders/');
    await openFarmerDay(page, edge, '/farmer/orders/', earliest.dispatchDate);
    await startPacking(page, orderNumber);
    await openFarmerDay(page, edge, '/farmer/shipping/', earliest.dispatchDate);
    await shipBox(page, orderNumber, '560012345678', 'journey-08-ship');
    await page.context().close();

    // The shopper's page has been open all along: the courier's first scan arrives live.
    const shipped = (await orderAsShopper()).fulfilments.find((f) => f.farmId === busaFarm.farmId);
    const status = shopperPage.locator(`[data-fulfilment="${shipped?.id}"] [data-shipment-status]`);
    await expect.poll(() => status.getAttribute('data-shipment-status'), { timeout: 10_000 }).toBe('at_pickup');
    await screenshot(shopperPage, 'journey-09-shipped');

    // The courier's day passes in the tracker stand-in: the parcel is delivered.
    await courierUntil(() => status.getAttribute('data-shipment-status'), 'delivered');
    await expect
      .poll(async () => (await orderAsShopper()).fulfilments.find((f) => f.farmId === busaFarm.farmId)?.status, {
        timeout: 15_000,
      })
      .toBe('delivered');
    await shopperPage.reload();
    await shopperPage.getByRole('button', { name: '구매확정' }).click();
    await expect
      .poll(async () => (await orderAsShopper()).fulfilments.find((f) => f.farmId === busaFarm.farmId)?.status, {
        timeout: 15_000,
      })
      .toBe('completed');
    await screenshot(shopperPage, 'journey-10-completed');
  });
});
