import { type CaughtMail, type MailInbox, mailInbox } from '@fruitables/mail/catcher';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from './artifacts.ts';
import { launchBrowser, newPhone } from './browser.ts';
import { edgeUrl, mailInboxUrl } from './platform-context.ts';
import { uniqueEmail } from './shopper.ts';

// Proven email ownership and recovery as a person meets them: the shop's pages in a phone
// browser, the mails read back from the platform's catcher (MailDev) like a mailbox, and the
// links in them followed as they are. identity's own tests cover the rules (hashing, expiry,
// enumeration); this one checks that the pages, the mails and the edge fit together.

let browser: Browser;
let context: BrowserContext;
let page: Page;
let edge: string;
let inbox: MailInbox;

/** One shopper through every step: each `it` continues where the previous one left off. */
const shopper = {
  email: uniqueEmail('owner'),
  signUpPassword: 'typed-at-sign-up-2026',
  verifiedPassword: 'chosen-from-the-mail-2026',
  resetPassword: 'after-the-reset-link-2026',
};
/**
 * identity hashes the new password (argon2) before it even looks at the token, and checks one
 * on every login: on a busy machine an answer can take seconds, past expect.poll's default 1 s.
 */
const HASHED_ANSWER = { timeout: 15_000 };
let resetLink = '';
let verifyLink = '';

beforeAll(async () => {
  edge = edgeUrl();
  inbox = mailInbox(mailInboxUrl());
  browser = await launchBrowser();
  context = await newPhone(browser);
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** The one link of a mail that leads to `path` on the shop, as the mail carries it. */
function linkTo(mail: CaughtMail, path: string): string {
  const escaped = path.replaceAll('/', '\\/').replaceAll('?', '\\?');
  const found = mail.text.match(new RegExp(`https?://[^\\s"'<>]+${escaped}\\?token=[A-Za-z0-9_-]+`));
  if (!found) throw new Error(`no ${path} link in the mail "${mail.subject}":\n${mail.text}`);
  return found[0];
}

/** The claims of the access token this browser holds (the storefront keeps it in localStorage). */
async function accessTokenClaims(): Promise<Record<string, unknown>> {
  const stored = await page.evaluate(() => localStorage.getItem('fruitables.session.v1'));
  const token = (JSON.parse(stored ?? '{}') as { accessToken?: string }).accessToken ?? '';
  const payload = token.split('.')[1];
  if (!payload) throw new Error('this browser holds no access token');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function logIn(password: string): Promise<void> {
  await page.getByLabel('이메일').fill(shopper.email);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).click();
}

async function expectLoginRefused(password: string): Promise<void> {
  await page.goto(`${edge}/login/`);
  await logIn(password);
  await expect
    .poll(() => page.getByRole('alert').textContent(), HASHED_ANSWER)
    .toContain('이메일 또는 비밀번호를 확인해 주세요');
  expect(new URL(page.url()).pathname).toBe('/login/');
}

async function logOut(): Promise<void> {
  await page.goto(`${edge}/account/`);
  await page.getByRole('button', { name: '로그아웃' }).click();
  await page.waitForURL(`${edge}/`);
}

/** Sets a password on a mail-link page and waits for the page to say it worked. */
async function setPasswordFromLink(button: string, password: string, confirmation: string): Promise<void> {
  await page.getByLabel('새 비밀번호').fill(password);
  await page.getByRole('button', { name: button }).click();
  const done = page.locator('[data-email-link-done]');
  await expect.poll(() => done.isVisible(), HASHED_ANSWER).toBe(true);
  expect(await done.textContent()).toContain(confirmation);
  expect(await page.locator('form[data-email-link]').isVisible()).toBe(false);
  // Focus moves to the outcome, so a screen reader reads it instead of a vanished form.
  expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-email-link-done'))).toBe(true);
  // Every session ended, this browser's too.
  expect(await page.evaluate(() => localStorage.getItem('fruitables.session.v1'))).toBeNull();
}

describe('proving an email and recovering a password, on a phone through the edge', () => {
  it('signs up, follows the verification mail, sets a new password and logs in verified', async () => {
    await page.goto(`${edge}/signup/`);
    await page.getByLabel('이메일').fill(shopper.email);
    await page.getByLabel('비밀번호').fill(shopper.signUpPassword);
    await page.getByLabel('이름').fill('정메일');
    await page.getByRole('button', { name: '가입하기' }).click();
    await page.waitForURL(`${edge}/account/`);
    await expect.poll(() => page.locator('[data-profile="email"]').textContent()).toBe(shopper.email);
    // Signed in, but the mailbox is not proved yet.
    expect((await accessTokenClaims()).emailVerified).toBe(false);

    const mail = await inbox.waitFor(shopper.email, (caught) => caught.subject.includes('이메일 주소를 확인'));
    verifyLink = linkTo(mail, '/account/verify/');
    // Links are built from identity's public URL (the edge here), never from a request's Host.
    expect(verifyLink.startsWith(`${edge}/account/verify/?token=`)).toBe(true);

    await page.goto(verifyLink);
    await expect.poll(() => page.locator('h1').textContent()).toBe('이메일 확인');
    await screenshot(page, 'account-01-verify');
    await setPasswordFromLink('확인하고 비밀번호 정하기', shopper.verifiedPassword, '이메일 주소를 확인했어요');
    await screenshot(page, 'account-02-verified');

    await page.getByRole('link', { name: '로그인하기' }).click();
    await page.waitForURL(`${edge}/login/?next=/account/`);
    // The link proved the mailbox, not the password typed at sign-up: that one is gone.
    await logIn(shopper.signUpPassword);
    await expect
      .poll(() => page.getByRole('alert').textContent(), HASHED_ANSWER)
      .toContain('이메일 또는 비밀번호를 확인해 주세요');
    await logIn(shopper.verifiedPassword);
    await page.waitForURL(`${edge}/account/`);
    await expect.poll(() => page.locator('[data-profile="email"]').textContent()).toBe(shopper.email);
    expect((await accessTokenClaims()).emailVerified).toBe(true);
    await screenshot(page, 'account-03-logged-in-verified');
  });

  it("resets the password from the login page's link: the old one stops working, the new one works", async () => {
    await logOut();
    await page.goto(`${edge}/login/`);
    await page.getByRole('link', { name: '비밀번호를 잊으셨나요?' }).click();
    await page.waitForURL(`${edge}/account/forgot/`);
    await page.getByLabel('이메일').fill(shopper.email);
    await page.getByRole('button', { name: '재설정 메일 받기' }).click();
    await expect
      .poll(() => page.locator('form[data-forgot] [data-form-status]').textContent())
      .toContain('재설정 메일을 보냈어요');
    await screenshot(page, 'account-04-forgot');

    const mail = await inbox.waitFor(shopper.email, (caught) => caught.subject.includes('비밀번호 재설정'));
    resetLink = linkTo(mail, '/account/reset/');
    expect(resetLink.startsWith(`${edge}/account/reset/?token=`)).toBe(true);

    await page.goto(resetLink);
    await expect.poll(() => page.locator('h1').textContent()).toBe('비밀번호 재설정');
    await setPasswordFromLink('비밀번호 바꾸기', shopper.resetPassword, '비밀번호를 바꿨어요');
    await screenshot(page, 'account-05-reset');

    await expectLoginRefused(shopper.verifiedPassword);
    await logIn(shopper.resetPassword);
    await page.waitForURL(`${edge}/account/`);
    await expect.poll(() => page.locator('[data-profile="email"]').textContent()).toBe(shopper.email);
    expect((await accessTokenClaims()).emailVerified).toBe(true);
    await logOut();
  });

  it('says in Korean that a used link is spent, and changes nothing', async () => {
    const spent = [
      { link: resetLink, button: '비밀번호 바꾸기', name: 'reset' },
      { link: verifyLink, button: '확인하고 비밀번호 정하기', name: 'verify' },
    ];
    for (const { link, button, name } of spent) {
      expect(link).not.toBe('');
      await page.goto(link);
      await page.getByLabel('새 비밀번호').fill('someone-with-the-old-mail-2026');
      await page.getByRole('button', { name: button }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent(), HASHED_ANSWER)
        .toBe('링크가 만료되었거나 이미 사용되었어요. 메일을 다시 요청해 주세요.');
      expect(await page.locator('[data-email-link-done]').isVisible()).toBe(false);
      await screenshot(page, `account-06-spent-${name}-link`);
    }

    await expectLoginRefused('someone-with-the-old-mail-2026');
    await logIn(shopper.resetPassword);
    await page.waitForURL(`${edge}/account/`);
  });
});
