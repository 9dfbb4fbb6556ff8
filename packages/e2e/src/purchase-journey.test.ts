import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, createAdmin, onboardFarmer, signUp, verifyEmail } from './accounts.ts';
import { callApi, expectStatus } from './api.ts';
import { screenshot } from './artifacts.ts';
import { launchBrowser, newPhone } from './browser.ts';
import { type Farmer, type ListedProduct, listProduct, waitForFarm } from './catalog.ts';
import { logInThroughPage, newNarrowPhone } from './console-pages.ts';
import { edgeUrl, platform, standInUrl } from './platform-context.ts';
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

interface OrderView {
  id: string;
  orderNumber: string;
  status: string;
  amount: number;
  refundedTotal: number;
  fulfilments: { id: string; farmId: string; status: string; lines: { id: string; lots: unknown[] }[] }[];
  refunds: { amount: number; fulfilmentId: string | null }[];
}

interface Promise_ {
  farms: { farmId: string; earliest: { date: string; dispatchDate: string; label: string } | null }[];
}

const SEOUL_POSTCODE = '06236';
const suffix = Date.now().toString(36);
const farmNames = { gamhong: `감홍농원 ${suffix}`, busa: `부사농원 ${suffix}` };

let browser: Browser;
let edge: string;
let gamhongFarm: Farmer & { account: Account };
let busaFarm: Farmer & { account: Account };
let gamhong: ListedProduct;
let busa: ListedProduct;
let shopper: Account;
let shopperPage: Page;
let orderId: string;
let orderNumber: string;

async function waitForProductPage(productId: string): Promise<void> {
  const url = `${edge}/products/${productId}/`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if ((await fetch(url)).status === 200) return;
    await Bun.sleep(100);
  }
  throw new Error(`${url} never reached the edge`);
}

async function orderAsShopper(): Promise<OrderView> {
  const session = await expectStatus<{ accessToken: string }>(
    callApi(edge, 'POST', '/api/identity/v1/sessions', { body: shopper }),
    200,
    'shopper log-in',
  );
  return expectStatus<OrderView>(
    callApi(edge, 'GET', `/api/orders/v1/orders/${orderId}`, { token: session.accessToken }),
    200,
    'the order',
  );
}

async function earliestDispatch(farmId: string): Promise<{ dispatchDate: string; label: string }> {
  const promise = await expectStatus<Promise_>(
    callApi(edge, 'POST', '/api/logistics/v1/promise', {
      body: { postcode: SEOUL_POSTCODE, farms: [{ farmId, boxes: 1 }] },
    }),
    200,
    'the promise',
  );
  const earliest = promise.farms[0]?.earliest;
  if (!earliest) throw new Error(`no delivery date for farm ${farmId}`);
  return earliest;
}

beforeAll(async () => {
  edge = edgeUrl();
  browser = await launchBrowser();
  const admin = await createAdmin(platform());
  gamhongFarm = await onboardFarmer(edge, admin, farmNames.gamhong);
  busaFarm = await onboardFarmer(edge, admin, farmNames.busa);
  await Promise.all([waitForFarm(edge, gamhongFarm.farmId), waitForFarm(edge, busaFarm.farmId)]);
  gamhong = await listProduct(edge, gamhongFarm, 12_000, '감홍');
  busa = await listProduct(edge, busaFarm, 25_000, '부사');
  await Promise.all([waitForProductPage(gamhong.productId), waitForProductPage(busa.productId)]);
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

    await page.goto(`${edge}/products/${gamhong.productId}/`);
    await addFirstOfferToCart(page);
    await page.goto(`${edge}/products/${busa.productId}/`);
    await addFirstOfferToCart(page);

    await logInThroughPage(page, edge, shopper, '/cart/');
    await expect.poll(() => page.locator('.cart-line').count(), { timeout: 10_000 }).toBe(2);
    // Two boxes of 감홍, so one can come up short and one still ships.
    await page.getByRole('button', { name: /감홍.*한 상자 더하기/ }).click();
    await expect.poll(() => page.locator('.cart-line').first().textContent()).toContain('2상자');
    await screenshot(page, 'journey-01-cart');

    await page.getByRole('button', { name: '주문하기' }).click();
    await page.waitForURL(`${edge}/checkout/`);
    await page.getByLabel('받는 분 이름').fill('김민지');
    await page.getByLabel('휴대폰 번호').fill('010-1234-5678');
    await page.getByLabel('우편번호 (숫자 5자리)').fill(SEOUL_POSTCODE);
    await page.getByLabel('주소', { exact: true }).fill('서울특별시 강남구 테헤란로 123');
    await page.getByLabel('상세 주소 (동·호수)').fill('4층 401호');

    // The same promise the product page shows: each farm's earliest dawn date, chosen.
    for (const farm of [gamhongFarm, busaFarm]) {
      const earliest = await earliestDispatch(farm.farmId);
      const name = farm === gamhongFarm ? farmNames.gamhong : farmNames.busa;
      await page
        .getByRole('group', { name: `${name} 도착일` })
        .getByLabel(earliest.label)
        .check();
    }
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
    await page.waitForURL((url) => url.href.startsWith(standInUrl('toss')), { timeout: 15_000 });
    await screenshot(page, 'journey-03-payment-page');
    await page.getByRole('button', { name: '테스트 카드 · 결제 성공' }).click();

    await page.waitForURL((url) => url.pathname === '/checkout/success/', { timeout: 15_000 });
    await expect
      .poll(() => page.getByRole('heading', { name: '주문 완료' }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    orderNumber = ((await page.locator('[data-order-number]').textContent()) ?? '').trim();
    expect(orderNumber).toMatch(/^FT-\d{8}-\d{4,}$/);
    await screenshot(page, 'journey-04-paid');

    await page.getByRole('link', { name: '주문 상세 보기' }).click();
    orderId = new URL(page.url()).searchParams.get('id') ?? '';
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
    await page.getByRole('textbox', { name: '출고일', exact: true }).fill(earliest.dispatchDate);
    await page.getByRole('textbox', { name: '출고일', exact: true }).dispatchEvent('change');
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
    await page.getByRole('textbox', { name: '출고일', exact: true }).fill(earliest.dispatchDate);
    await page.getByRole('textbox', { name: '출고일', exact: true }).dispatchEvent('change');
    const card = page.locator(`[data-fulfilment="${orderNumber}"]`);
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    await card.getByRole('button', { name: '포장 시작' }).click();
    await expect.poll(() => card.getAttribute('data-fulfilment-status'), { timeout: 10_000 }).toBe('preparing');

    await page.goto(`${edge}/farmer/shipping/`);
    await page.getByRole('textbox', { name: '출고일', exact: true }).fill(earliest.dispatchDate);
    await page.getByRole('textbox', { name: '출고일', exact: true }).dispatchEvent('change');
    const box = page.locator(`[data-shipment="${orderNumber}"]`);
    await expect.poll(() => box.count(), { timeout: 10_000 }).toBe(1);
    await box.getByLabel('택배사').selectOption('kr.cjlogistics');
    await box.getByLabel('송장번호').fill('560012345678');
    await screenshot(page, 'journey-08-ship');
    await box.getByRole('button', { name: '출고 처리' }).click();
    await expect.poll(() => box.locator('[data-tracking]').count(), { timeout: 10_000 }).toBe(1);
    await page.context().close();

    // The shopper's page has been open all along: the courier's first scan arrives live.
    const shipped = (await orderAsShopper()).fulfilments.find((f) => f.farmId === busaFarm.farmId);
    const status = shopperPage.locator(`[data-fulfilment="${shipped?.id}"] [data-shipment-status]`);
    await expect.poll(() => status.getAttribute('data-shipment-status'), { timeout: 10_000 }).toBe('at_pickup');
    await screenshot(shopperPage, 'journey-09-shipped');

    // The courier's day passes in the tracker stand-in, whose parcel starts when logistics first
    // asks about it (its first poll, right after the 송장번호): the parcel is delivered.
    const aDayPasses = async () => {
      const moved = await fetch(`${standInUrl('tracker')}/control/advance?ms=${24 * 3_600_000}`, { method: 'POST' });
      expect(moved.status).toBe(204);
      return status.getAttribute('data-shipment-status');
    };
    await expect.poll(aDayPasses, { timeout: 20_000, interval: 1_000 }).toBe('delivered');
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
