import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type Account, type AdminAccount, logIn, onboardFarmer } from './accounts.ts';
import { callApi, expectStatus } from './api.ts';
import { screenshot } from './artifacts.ts';
import { type Farmer, type ListedProduct, listProduct, waitForFarm } from './catalog.ts';
import { standInUrl } from './platform-context.ts';

/*
 * The steps the purchase journey's browser tests share (purchase-journey, payments-journey,
 * delivery-promise): a farm selling one product, the checkout form, the payment page, the
 * farmer's day in the console, the courier's clock. Every shopper step goes through the edge.
 */

/** An address in Seoul, inside the dawn-delivery area. */
export const SEOUL_POSTCODE = '06236';

/** The shopper's order as orders answers it (the fields the tests read). */
export interface OrderView {
  id: string;
  orderNumber: string;
  status: string;
  amount: number;
  refundedTotal: number;
  expiresAt: string;
  fulfilments: {
    id: string;
    farmId: string;
    status: string;
    deliveryDate: string | null;
    lines: { id: string; lots: unknown[] }[];
  }[];
  refunds: { amount: number; reason: string; fulfilmentId: string | null }[];
}

/** A farm's earliest date in logistics' promise, as the product page and the checkout show it. */
export interface EarliestDate {
  date: string;
  dispatchDate: string;
  label: string;
}

interface PromiseAnswer {
  farms: { farmId: string; headline?: string; earliest: EarliestDate | null }[];
}

/** A verified farm with one product on sale (50 boxes), its page already at the edge. */
export interface SellingFarm extends Farmer {
  account: Account;
  name: string;
  product: ListedProduct;
}

export async function waitForProductPage(edge: string, productId: string): Promise<void> {
  const url = `${edge}/products/${productId}/`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if ((await fetch(url)).status === 200) return;
    await Bun.sleep(100);
  }
  throw new Error(`${url} never reached the edge`);
}

/** A farm as the platform makes one (application, an admin's verification), selling one product. */
export async function sellingFarm(
  edge: string,
  admin: AdminAccount,
  name: string,
  priceKrw: number,
  variety: string,
): Promise<SellingFarm> {
  const farm = await onboardFarmer(edge, admin, name);
  await waitForFarm(edge, farm.farmId);
  const product = await listProduct(edge, farm, priceKrw, variety);
  await waitForProductPage(edge, product.productId);
  return { ...farm, name, product };
}

/** The order as its shopper reads it through the API. */
export async function orderOf(edge: string, shopper: Account, orderId: string): Promise<OrderView> {
  const session = await logIn(edge, shopper);
  return expectStatus<OrderView>(
    callApi(edge, 'GET', `/api/orders/v1/orders/${orderId}`, { token: session.accessToken }),
    200,
    'the order',
  );
}

/** logistics' promise for one box of the farm to the Seoul address. */
export async function farmPromise(edge: string, farmId: string): Promise<PromiseAnswer['farms'][number]> {
  const promise = await expectStatus<PromiseAnswer>(
    callApi(edge, 'POST', '/api/logistics/v1/promise', {
      body: { postcode: SEOUL_POSTCODE, farms: [{ farmId, boxes: 1 }] },
    }),
    200,
    'the promise',
  );
  const farm = promise.farms[0];
  if (!farm) throw new Error(`no promise for farm ${farmId}`);
  return farm;
}

export async function earliestDispatch(edge: string, farmId: string): Promise<EarliestDate> {
  const earliest = (await farmPromise(edge, farmId)).earliest;
  if (!earliest) throw new Error(`no delivery date for farm ${farmId}`);
  return earliest;
}

/** Who receives the boxes, typed into the checkout form: 김민지 in Seoul, 010-1234-5678. */
export async function fillRecipient(page: Page): Promise<void> {
  await page.getByLabel('받는 분 이름').fill('김민지');
  await page.getByLabel('휴대폰 번호').fill('010-1234-5678');
  await page.getByLabel('우편번호 (숫자 5자리)').fill(SEOUL_POSTCODE);
  await page.getByLabel('주소', { exact: true }).fill('서울특별시 강남구 테헤란로 123');
  await page.getByLabel('상세 주소 (동·호수)').fill('4층 401호');
}

/** Ticks the farm's earliest arrival date among the dates the checkout offers. */
export async function chooseEarliestDate(page: Page, edge: string, farm: Pick<SellingFarm, 'farmId' | 'name'>) {
  const earliest = await earliestDispatch(edge, farm.farmId);
  await page
    .getByRole('group', { name: `${farm.name} 도착일` })
    .getByLabel(earliest.label)
    .check();
  return earliest;
}

/**
 * A shopper already logged in on `page` buys one box of the farm's product: product page →
 * 담기 → cart → 주문하기 → the checkout filled in → 결제하기, landing on the payment page.
 */
export async function checkOutOneBox(page: Page, edge: string, farm: SellingFarm, shot?: string) {
  await page.goto(`${edge}/products/${farm.product.productId}/`);
  await addOneBoxSignedIn(page);
  await page.goto(`${edge}/cart/`);
  await expect.poll(() => page.locator('.cart-line').count(), { timeout: 10_000 }).toBe(1);
  await page.getByRole('button', { name: '주문하기' }).click();
  await page.waitForURL(`${edge}/checkout/`);
  await fillRecipient(page);
  await chooseEarliestDate(page, edge, farm);
  if (shot) await screenshot(page, shot);
  await page.getByRole('button', { name: '결제하기' }).click();
  await waitForPaymentPage(page);
}

/**
 * 담기 on a product page, signed in: the box goes to the browser's cart, then merges into the
 * server cart. Waits for the merge to finish: leaving the page while the merge is in flight
 * can leave the box in the browser after the server took it, and the next page merges it again
 * (two boxes; see the report of this branch).
 */
export async function addOneBoxSignedIn(page: Page): Promise<void> {
  await page.locator('button[data-offer]:not([disabled])').first().click();
  const merged = () =>
    page.evaluate(
      () =>
        (localStorage.getItem('fruitables.cart.v1') ?? '[]') === '[]' &&
        localStorage.getItem('fruitables.cart.server-count.v1') !== null,
    );
  await expect.poll(merged, { timeout: 10_000 }).toBe(true);
}

/** The stand-in PG's payment window (Toss's widget in production). */
export async function waitForPaymentPage(page: Page): Promise<void> {
  await page.waitForURL((url) => url.href.startsWith(standInUrl('toss')), { timeout: 15_000 });
}

/** Presses one of the payment window's test cards (`테스트 카드 · 결제 성공`, `결제 취소 (창 닫기)`…). */
export async function payWith(page: Page, card: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: card }).click();
}

/** The success page's 주문 완료, with the order id from its 주문 상세 보기 link. */
export async function waitForOrderDone(page: Page): Promise<string> {
  await page.waitForURL((url) => url.pathname === '/checkout/success/', { timeout: 15_000 });
  await expect.poll(() => page.getByRole('heading', { name: '주문 완료' }).isVisible(), { timeout: 15_000 }).toBe(true);
  const href = (await page.locator('[data-order-link]').getAttribute('href')) ?? '';
  return new URL(href, 'http://shop').searchParams.get('id') ?? '';
}

/** The farmer console page (`/farmer/orders/`, `/farmer/shipping/`) showing one dispatch date. */
export async function openFarmerDay(page: Page, edge: string, path: string, dispatchDate: string): Promise<void> {
  await page.goto(`${edge}${path}`);
  const date = page.getByRole('textbox', { name: '출고일', exact: true });
  await date.fill(dispatchDate);
  await date.dispatchEvent('change');
}

/** The farmer's 포장 시작 on the order's card in /farmer/orders/. */
export async function startPacking(page: Page, orderNumber: string): Promise<void> {
  const card = page.locator(`[data-fulfilment="${orderNumber}"]`);
  await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
  await card.getByRole('button', { name: '포장 시작' }).click();
  await expect.poll(() => card.getAttribute('data-fulfilment-status'), { timeout: 10_000 }).toBe('preparing');
}

/** The farmer's 출고 처리 of the order's box in /farmer/shipping/, with courier and 송장번호. */
export async function shipBox(page: Page, orderNumber: string, trackingNumber: string, shot?: string) {
  const box = page.locator(`[data-shipment="${orderNumber}"]`);
  await expect.poll(() => box.count(), { timeout: 10_000 }).toBe(1);
  await box.getByLabel('택배사').selectOption('kr.cjlogistics');
  await box.getByLabel('송장번호').fill(trackingNumber);
  if (shot) await screenshot(page, shot);
  await box.getByRole('button', { name: '출고 처리' }).click();
  await expect.poll(() => box.locator('[data-tracking]').count(), { timeout: 10_000 }).toBe(1);
}

/**
 * Runs the courier's clock in the tracker stand-in a day at a time (its parcel starts when
 * logistics first asks about it) until `read` answers `expected`: the page following live.
 */
export async function courierUntil(read: () => Promise<string | null>, expected: string): Promise<void> {
  const aDayPasses = async () => {
    const moved = await fetch(`${standInUrl('tracker')}/control/advance?ms=${24 * 3_600_000}`, { method: 'POST' });
    expect(moved.status).toBe(204);
    return read();
  };
  await expect.poll(aDayPasses, { timeout: 20_000, interval: 1_000 }).toBe(expected);
}

/** The text of a locator once it has some (a page island drawing after its API call). */
export async function textOf(locator: Locator): Promise<string> {
  await expect
    .poll(async () => ((await locator.count()) > 0 ? await locator.first().textContent() : ''), {
      timeout: 10_000,
    })
    .not.toBe('');
  return ((await locator.first().textContent()) ?? '').trim();
}
