import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, type AdminAccount, createAdmin, signUp, verifyEmail } from './accounts.ts';
import { callApi, expectStatus } from './api.ts';
import { screenshot } from './artifacts.ts';
import { launchBrowser, newPhone } from './browser.ts';
import { logInThroughPage, newNarrowPhone } from './console-pages.ts';
import { edgeUrl, platform, standInUrl } from './platform-context.ts';
import {
  checkOutOneBox,
  courierUntil,
  earliestDispatch,
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
 * Issue #13's money paths through the edge, on the stand-in PG's payment window: a card
 * declined for its limit (한도초과) and paid again from the fail page; a payment abandoned
 * (결제 취소) whose order expires and gives its box back; a virtual account paid with the
 * bank's 입금 button (Toss's deposit callback completes the order); a shopper's cancel before
 * packing, refunded at once; and the farmer's statement showing the sale after 구매확정.
 * The e2e platform gives orders a one-minute payment window (global-setup.ts).
 */

const PRICE = 20_000;
/** One 20,000원 box pays the 3,000원 delivery fee (free from 30,000원). */
const AMOUNT = 23_000;

let browser: Browser;
let edge: string;
let admin: AdminAccount;
let farm: SellingFarm;

const won = (amount: number) => `${amount.toLocaleString('ko-KR')}원`;

/** A new shopper with a proven mailbox, logged in on a phone. */
async function shopperOnPhone(name: string): Promise<{ account: Account; page: Page }> {
  const account = await verifyEmail(edge, await signUp(edge, name));
  const page = await (await newPhone(browser)).newPage();
  await logInThroughPage(page, edge, account, '/cart/');
  return { account, page };
}

/** Boxes of the farm's offer held for checkouts right now (catalog's inventory, as the farmer sees it). */
async function reservedBoxes(): Promise<number> {
  const inventory = await expectStatus<{
    products: { offers: { id: string; lots: { reserved: number }[] }[] }[];
  }>(
    callApi(edge, 'GET', `/api/catalog/v1/farms/${farm.farmId}/inventory`, { token: farm.token }),
    200,
    'the inventory',
  );
  const offer = inventory.products.flatMap((product) => product.offers).find((o) => o.id === farm.product.offerId);
  return (offer?.lots ?? []).reduce((sum, lot) => sum + lot.reserved, 0);
}

beforeAll(async () => {
  edge = edgeUrl();
  browser = await launchBrowser();
  admin = await createAdmin(platform());
  farm = await sellingFarm(edge, admin, `결제농원 ${Date.now().toString(36)}`, PRICE, '시나노골드');
});
afterAll(async () => {
  await browser?.close();
});

describe('paying through the edge on the payment page (issue #13)', () => {
  let paid: { account: Account; page: Page; orderId: string; orderNumber: string };

  it('a card declined for its limit (한도초과) is paid again from the fail page (다시 결제하기)', async () => {
    const { account, page } = await shopperOnPhone('이서연');
    await checkOutOneBox(page, edge, farm, 'payments-01-checkout');
    await screenshot(page, 'payments-02-payment-page');
    await payWith(page, /한도초과/);

    await page.waitForURL((url) => url.pathname === '/checkout/fail/', { timeout: 15_000 });
    await expect
      .poll(() => page.getByRole('heading', { name: '결제하지 못했어요' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await page.locator('[data-payment-failure]').getAttribute('data-payment-failure')).toBe(
      'REJECT_CARD_COMPANY',
    );
    expect(await textOf(page.locator('[data-payment-failure]'))).toContain('카드사에서 결제를 거절했어요');
    // The order still waits: its box and date are kept until the payment window closes.
    await expect.poll(() => page.getByText('상품과 배송일은 그때까지 잡아 두었어요').count()).toBe(1);
    await screenshot(page, 'payments-03-declined');

    await page.getByRole('link', { name: '다시 결제하기' }).click();
    await waitForPaymentPage(page);
    await payWith(page, '테스트 카드 · 결제 성공');
    const orderId = await waitForOrderDone(page);
    const orderNumber = (await textOf(page.locator('[data-order-number]'))).trim();
    await screenshot(page, 'payments-04-paid-after-retry');

    await expect.poll(async () => (await orderOf(edge, account, orderId)).status, { timeout: 15_000 }).toBe('paid');
    expect((await orderOf(edge, account, orderId)).amount).toBe(AMOUNT);
    paid = { account, page, orderId, orderNumber };
  });

  it('an abandoned payment (결제 취소): the order expires after its payment window and the box is back in stock', async () => {
    const before = await reservedBoxes();
    const { account, page } = await shopperOnPhone('박지훈');
    await checkOutOneBox(page, edge, farm);
    expect(await reservedBoxes()).toBe(before + 1);
    await payWith(page, /결제 취소/);

    await page.waitForURL((url) => url.pathname === '/checkout/fail/', { timeout: 15_000 });
    expect(await textOf(page.locator('[data-payment-failure]'))).toContain('결제를 취소했어요');
    await expect.poll(() => page.locator('[data-pay-again]').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'payments-05-abandoned');
    const orderId = new URL(page.url()).searchParams.get('orderId') ?? '';
    const order = await orderOf(edge, account, orderId);
    expect(order.status).toBe('awaiting_payment');

    // Nobody pays: orders' sweep cancels it once expiresAt passes and gives the hold back.
    const waitMs = Math.max(0, Date.parse(order.expiresAt) - Date.now()) + 30_000;
    await expect
      .poll(async () => (await orderOf(edge, account, orderId)).status, { timeout: waitMs, interval: 1_000 })
      .toBe('cancelled');
    await expect.poll(reservedBoxes, { timeout: 20_000, interval: 500 }).toBe(before);
    await page.goto(`${edge}/account/orders/?id=${orderId}`);
    await expect
      .poll(() => page.locator('[data-order-status]').getAttribute('data-order-status'), { timeout: 10_000 })
      .toBe('cancelled');
    await screenshot(page, 'payments-06-expired');
    await page.context().close();
  }, 150_000);

  it('a virtual account (가상계좌) is paid with the bank’s 입금 button: the deposit callback pays the order', async () => {
    const { account, page } = await shopperOnPhone('최유나');
    await checkOutOneBox(page, edge, farm);
    await payWith(page, /가상계좌/);
    const orderId = await waitForOrderDone(page);
    const accountNumber = (await textOf(page.locator('[data-virtual-account]'))).split(' ').at(-1) ?? '';
    expect(accountNumber).toMatch(/\d/);
    await screenshot(page, 'payments-07-virtual-account');

    await page.goto(`${edge}/account/orders/?id=${orderId}`);
    expect(await textOf(page.locator('[data-virtual-account]'))).toContain('입금을 기다리고 있어요');
    expect((await orderOf(edge, account, orderId)).status).toBe('awaiting_payment');
    await screenshot(page, 'payments-08-waiting-for-deposit');

    // The bank's side: the stand-in's deposit page, as the shopper's banking app would be.
    const bank = await page.context().newPage();
    await bank.goto(`${standInUrl('toss')}/virtual-accounts`);
    const deposit = bank.locator('section').filter({ hasText: accountNumber });
    await screenshot(bank, 'payments-09-bank');
    await deposit.getByRole('button', { name: '입금하기' }).click();
    await expect.poll(() => bank.getByRole('heading', { name: '입금 완료' }).count(), { timeout: 10_000 }).toBe(1);
    await bank.close();

    await expect.poll(async () => (await orderOf(edge, account, orderId)).status, { timeout: 20_000 }).toBe('paid');
    await page.reload();
    await expect
      .poll(() => page.locator('[data-order-status]').getAttribute('data-order-status'), { timeout: 10_000 })
      .toBe('paid');
    await screenshot(page, 'payments-10-deposited');
    await page.context().close();
  });

  it('a shopper cancels before packing: refunded at once, and the refund is on the order page', async () => {
    const { account, page } = await shopperOnPhone('정하늘');
    await checkOutOneBox(page, edge, farm);
    await payWith(page, '토스페이 · 결제 성공');
    const orderId = await waitForOrderDone(page);
    await expect.poll(async () => (await orderOf(edge, account, orderId)).status, { timeout: 15_000 }).toBe('paid');

    await page.goto(`${edge}/account/orders/?id=${orderId}`);
    await page.getByRole('button', { name: `${farm.name} 주문 취소` }).click();
    await page.getByLabel('취소 사유').selectOption('단순 변심');
    await screenshot(page, 'payments-11-cancel');
    await page.getByRole('button', { name: '취소 확정' }).click();

    await expect
      .poll(async () => (await orderOf(edge, account, orderId)).refundedTotal, { timeout: 20_000 })
      .toBe(AMOUNT);
    await page.reload();
    await expect
      .poll(() => page.getByText(new RegExp(`환불 ${won(AMOUNT)}`)).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    // All of it given back: the order reads 환불 완료, its one farm's part 주문 취소.
    expect(await page.locator('[data-order-status]').getAttribute('data-order-status')).toBe('refunded');
    expect((await orderOf(edge, account, orderId)).fulfilments[0]?.status).toBe('cancelled');
    await screenshot(page, 'payments-12-refunded');
    await page.context().close();
  });

  it("after 구매확정 the farmer's statement (/farmer/settlement/) shows the sale", async () => {
    const earliest = await earliestDispatch(edge, farm.farmId);
    const console_ = await (await newNarrowPhone(browser)).newPage();
    await logInThroughPage(console_, edge, farm.account, '/farmer/orders/');
    await openFarmerDay(console_, edge, '/farmer/orders/', earliest.dispatchDate);
    await startPacking(console_, paid.orderNumber);
    await openFarmerDay(console_, edge, '/farmer/shipping/', earliest.dispatchDate);
    await shipBox(console_, paid.orderNumber, '560087654321');

    const { page, account, orderId } = paid;
    await page.goto(`${edge}/account/orders/?id=${orderId}`);
    const fulfilmentStatus = async () => (await orderOf(edge, account, orderId)).fulfilments[0]?.status ?? null;
    await courierUntil(fulfilmentStatus, 'delivered');
    await page.reload();
    await page.getByRole('button', { name: '구매확정' }).click();
    await expect.poll(fulfilmentStatus, { timeout: 15_000 }).toBe('completed');
    await screenshot(page, 'payments-13-completed');

    // OrderCompleted → payments' ledger: the farm's goods (not the delivery fee) become payable.
    await console_.goto(`${edge}/farmer/settlement/`);
    const sale = console_.locator('[data-statement-kind="fulfilment_completed"]');
    const saleShown = async () => {
      if ((await sale.count()) === 0) await console_.reload();
      return sale.count();
    };
    await expect.poll(saleShown, { timeout: 20_000, interval: 1_000 }).toBeGreaterThan(0);
    expect(await sale.first().textContent()).toContain(won(PRICE));
    await screenshot(console_, 'payments-14-statement');
    await console_.context().close();
  });
});
