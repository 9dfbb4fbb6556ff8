import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './accounts.ts';
import { screenshot } from './artifacts.ts';
import { launchBrowser, newPhone } from './browser.ts';
import { focused, tabOrder, tabUntil } from './keyboard.ts';
import { edgeUrl } from './platform-context.ts';
import { shopPages } from './shop-pages.ts';

// Lighthouse covers labels, names and contrast; these check what it cannot: that the cart
// and the login form work with a keyboard alone, in a sensible order, with focus visible.

let browser: Browser;
let edge: string;

beforeAll(async () => {
  edge = edgeUrl();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function freshPage(): Promise<Page> {
  return (await newPhone(browser)).newPage();
}

const HEADER = ['본문 바로가기', '프루터블즈', '과일', '검색', '장바구니', '로그인'];

describe('the shop with a keyboard alone', () => {
  it('offers a skip link first, then the header, then the login form in reading order', async () => {
    const page = await freshPage();
    await page.goto(`${edge}/login/`);
    expect(await tabOrder(page, HEADER.length + 6)).toEqual([
      ...HEADER,
      '#email',
      '#password',
      '로그인',
      '회원가입',
      '비밀번호를 잊으셨나요?',
      '과일 전체',
    ]);

    // The skip link is off screen until focused, then on screen; it jumps over the header.
    await page.goto(`${edge}/login/`);
    await page.keyboard.press('Tab');
    const skip = await focused(page);
    expect(skip).toMatchObject({ name: '본문 바로가기', onScreen: true });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('email');
    await page.context().close();
  });

  it('logs in with the keyboard: errors are announced, Enter submits, focus is always visible', async () => {
    const account = await signUp(edge, '키보드');
    const page = await freshPage();
    await page.goto(`${edge}/login/`);
    const email = await tabUntil(page, (now) => now.id === 'email');
    expect(email.outline).toMatch(/^solid [3-9]px$/);
    await page.keyboard.type(account.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong-password-0');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('이메일 또는 비밀번호를 확인해 주세요');
    expect((await focused(page)).id).toBe('password');
    await screenshot(page, '12-login-error-keyboard');

    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(account.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${edge}/account/`);
    await expect.poll(() => page.locator('[data-profile="email"]').textContent()).toBe(account.email);

    const logout = await tabUntil(page, (now) => now.name === '로그아웃');
    expect(logout.outline).toMatch(/^solid [3-9]px$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${edge}/`);
    await page.context().close();
  });

  it('adds to the cart and changes quantities with the keyboard; focus stays on the control pressed', async () => {
    const [product] = (await shopPages(edge)).products;
    if (!product) throw new Error('the shop has no product');
    const page = await freshPage();
    await page.goto(`${edge}${product}`);
    const add = await tabUntil(page, (now) => now.name.endsWith('장바구니에 담기'));
    expect(add.outline).toMatch(/^solid [3-9]px$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-cart-status]').textContent()).toContain('장바구니에 담았어요');
    // Space presses a button too, and adds a second box of the same offer.
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('2');

    await page.goto(`${edge}/cart/`);
    await expect.poll(() => page.locator('.cart-line').count()).toBe(1);
    const more = await tabUntil(page, (now) => now.name.endsWith('한 상자 더하기'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.cart-line .quantity').textContent()).toBe('3상자');
    expect((await focused(page)).name).toBe(more.name);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.cart-line .quantity').textContent()).toBe('4상자');
    expect((await focused(page)).name).toBe(more.name);

    await page.keyboard.press('Shift+Tab');
    const less = await focused(page);
    expect(less.name).toMatch(/한 상자 빼기$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.cart-line .quantity').textContent()).toBe('3상자');
    expect((await focused(page)).name).toBe(less.name);
    await screenshot(page, '13-cart-keyboard');

    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toMatch(/삭제$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.cart-line').count()).toBe(0);
    // The line is gone; focus lands on what the cart now offers, not back at the top of the page.
    expect((await focused(page)).name).toBe('과일 보러 가기');
    await page.context().close();
  });
});
