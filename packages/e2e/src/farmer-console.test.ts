import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  type AdminAccount,
  createAdmin,
  createUnenrolledAdmin,
  logIn,
  onboardFarmer,
  signUp,
  totpOf,
} from './accounts.ts';
import { callApi, expectStatus } from './api.ts';
import { screenshot } from './artifacts.ts';
import { launchBrowser } from './browser.ts';
import {
  fitsViewport,
  importSampleByApi,
  logInAdminThroughPage,
  logInThroughPage,
  newDesktop,
  newNarrowPhone,
  previewCounts,
  sampleFile,
} from './console-pages.ts';
import { edgeUrl, platform } from './platform-context.ts';

interface Inventory {
  products: {
    fruit: string;
    variety: string;
    offers: {
      id: string;
      grade: string;
      packKg: number;
      priceKrw: number;
      lots: {
        id: string;
        lotCode: string;
        harvestedOn: string;
        boxesHarvested: number;
        brix: number | null;
        onHand: number;
      }[];
    }[];
  }[];
}

let browser: Browser;
let edge: string;
let admin: AdminAccount;
const farmName = `햇살 사과농원 ${Date.now().toString(36)}`;

beforeAll(async () => {
  edge = edgeUrl();
  admin = await createAdmin(platform());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function inventoryOf(farmId: string, account: Account): Promise<Inventory> {
  const session = await logIn(edge, account);
  return expectStatus<Inventory>(
    callApi(edge, 'GET', `/api/catalog/v1/farms/${farmId}/inventory`, { token: session.accessToken }),
    200,
    'inventory',
  );
}

/** What a farm has, without ids: the same file imported by two farms gives the same list. */
const contentOf = (inventory: Inventory) =>
  inventory.products
    .flatMap((product) =>
      product.offers.flatMap((offer) =>
        offer.lots.map((lot) =>
          [
            product.fruit,
            product.variety,
            offer.grade,
            offer.packKg,
            offer.priceKrw,
            lot.lotCode,
            lot.harvestedOn,
            lot.boxesHarvested,
            lot.brix,
          ].join(' '),
        ),
      ),
    )
    .sort();

/** A verified farmer whose farm holds the UTF-8 sample (imported through the API). */
async function sampleFarm(): Promise<{ account: Account; farmId: string; token: string }> {
  const farmer = await onboardFarmer(edge, admin);
  await importSampleByApi(edge, farmer.farmId, farmer.token, 'harvest-batch-sample.csv');
  return farmer;
}

/** The farmer signed in on a 360 px phone, at `path`. */
async function farmerPage(account: Account, path: string): Promise<Page> {
  const page = await (await newNarrowPhone(browser)).newPage();
  await logInThroughPage(page, edge, account, path);
  return page;
}

async function fillApplication(page: Page, businessRegistrationNumber: string): Promise<void> {
  await page.getByLabel('농장 이름').fill(farmName);
  await page.getByLabel('대표자 이름').fill('박정호');
  await page.getByLabel('사업자등록번호').fill(businessRegistrationNumber);
  await page.getByLabel('농장 주소 (도로명)').fill('충청북도 충주시 산척면 천등산로 1');
  await page.getByLabel('우편번호').fill('27469');
  await page.getByLabel('연락처').fill('010-3141-5926');
  await page.getByLabel('정산 은행').selectOption('011');
  await page.getByLabel('계좌번호').fill('301-1234-5678-91');
  await page.getByLabel('예금주').fill('박정호');
}

describe('the farmer console, in a browser through the edge', () => {
  it('takes a new farmer from applying to products on the shop: apply, admin verifies, upload, preview, confirm', async () => {
    const account = await signUp(edge, '박정호');
    const page = await farmerPage(account, '/farmer/apply/');
    await fillApplication(page, '124-81-00991');
    await page.getByRole('button', { name: '판매 신청하기' }).click();
    // A wrong check digit: the field says, in Korean, what to fix.
    await expect
      .poll(() => page.locator('[data-field-error="businessRegistrationNumber"]').textContent())
      .toContain('사업자등록번호 10자리');
    await page.getByLabel('사업자등록번호').fill('124-81-00998');
    await page.getByRole('button', { name: '판매 신청하기' }).click();
    await page.locator('[data-application-status="pending"]').waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await screenshot(page, 'console-01-applied');

    const office = await (await newDesktop(browser)).newPage();
    await logInAdminThroughPage(office, edge, admin, '/admin/');
    const card = office.locator(`[data-application="${farmName}"]`);
    await card.getByRole('button', { name: '승인' }).click();
    await expect.poll(() => office.locator('.notice-ok').textContent()).toContain('승인했어요');
    await screenshot(office, 'console-02-admin-verified');
    await office.context().close();

    await page.reload();
    await page.locator('[data-application-status="verified"]').waitFor();
    await page.locator('[data-start-selling]').click();
    await page.waitForURL(`${edge}/farmer/`);
    await expect.poll(() => page.locator('[data-console-root]').textContent()).toContain('아직 올린 상품이 없어요');
    const session = await logIn(edge, account);
    const application = await expectStatus<{ farmId: string }>(
      callApi(edge, 'GET', '/api/identity/v1/me/farmer-application', { token: session.accessToken }),
      200,
      'my application',
    );
    const { farmId } = application;

    await page.goto(`${edge}/farmer/batches/`);
    await page.locator('[data-batch-file]').setInputFiles(sampleFile('harvest-batch-sample.csv'));
    await page.locator('[data-batch-preview]').waitFor();
    expect(await previewCounts(page)).toEqual({ newProducts: 2, newOffers: 5, priceChanges: 0, lots: 5 });
    expect(await fitsViewport(page)).toBe(true);
    await screenshot(page, 'console-03-preview');
    // Checking is a dry run: nothing exists until the farmer confirms.
    expect((await inventoryOf(farmId, account)).products).toEqual([]);

    await page.locator('[data-confirm-import]').click();
    await expect
      .poll(() => page.locator('[data-import-done]').textContent(), { timeout: 30_000 })
      .toContain('로트 5개');
    await screenshot(page, 'console-04-imported');
    await page.goto(`${edge}/farmer/`);
    await page.locator('[data-dashboard="low"]').waitFor();
    expect(await fitsViewport(page)).toBe(true);
    await screenshot(page, 'console-05-dashboard');

    // The shop, through the edge: the farm's page lists both new products.
    await expect
      .poll(async () => (await fetch(`${edge}/farms/${farmId}/`)).text(), { timeout: 20_000, interval: 250 })
      .toContain('시나노골드');
    const farmPage = await (await fetch(`${edge}/farms/${farmId}/`)).text();
    expect(farmPage).toContain('부사');
    expect(farmPage).toContain('시나노골드');
    expect((await fetch(`${edge}/farms/${farmId}/lots/CJ-2611-001/`)).status).toBe(200);
    await page.context().close();
  });

  it('shows every row error of a bad file in Korean, offers them as a CSV for Excel, and imports nothing', async () => {
    const { account, farmId } = await sampleFarm();
    const before = contentOf(await inventoryOf(farmId, account));
    expect(before).toHaveLength(5);
    const page = await farmerPage(account, '/farmer/batches/');
    await page.locator('[data-batch-file]').setInputFiles(sampleFile('harvest-batch-with-errors.csv'));
    await page.locator('[data-row-errors]').waitFor();
    const rows = await page.locator('[data-row-error]').allTextContents();
    // Rows 3–8 of the sample, one problem each, and two on row 8 (fruit missing, brix out of range).
    expect(rows).toHaveLength(7);
    for (const row of rows) {
      expect(row).toMatch(/[가-힣]/);
      expect(row).not.toMatch(/\bRow \d/);
    }
    expect(await page.locator('[data-confirm-import]').count()).toBe(0);
    await screenshot(page, 'console-05-row-errors');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-download-errors]').click(),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('행,열,문제');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['3', '4', '5', '6', '7', '8', '8']);

    expect(contentOf(await inventoryOf(farmId, account))).toEqual(before);
    await page.context().close();
  });

  it('imports the CP949 sample (as Korean Excel saves it) exactly like the UTF-8 one', async () => {
    const utf8Farm = await sampleFarm();
    const other = await onboardFarmer(edge, admin);
    const page = await farmerPage(other.account, '/farmer/batches/');
    await page.locator('[data-batch-file]').setInputFiles(sampleFile('harvest-batch-sample-cp949.csv'));
    await page.locator('[data-batch-preview]').waitFor();
    expect(await previewCounts(page)).toEqual({ newProducts: 2, newOffers: 5, priceChanges: 0, lots: 5 });
    await page.locator('[data-confirm-import]').click();
    await expect
      .poll(() => page.locator('[data-import-done]').textContent(), { timeout: 30_000 })
      .toContain('로트 5개');
    const utf8 = contentOf(await inventoryOf(utf8Farm.farmId, utf8Farm.account));
    const cp949 = contentOf(await inventoryOf(other.farmId, other.account));
    expect(cp949).toHaveLength(5);
    expect(cp949).toEqual(utf8);
    await page.context().close();
  });

  it('edits the farm profile and adds a photo with a preview, and the shop shows the new story', async () => {
    const { account, farmId } = await sampleFarm();
    const page = await farmerPage(account, '/farmer/profile/');
    await page.getByLabel('시/도').selectOption('충청북도');
    await page.getByLabel('시/군/구').fill('충주시');
    const story = `해발 300m 산자락에서 3대째 사과를 키웁니다 (${Date.now().toString(36)}).`;
    await page.getByLabel('농장 이야기').fill(story);
    await page.getByLabel('GAP 인증번호').fill('GAP-2026-0001');
    await page.getByRole('button', { name: '저장' }).click();
    await expect.poll(() => page.locator('.notice-ok').textContent()).toContain('저장했어요');

    // A photo as a phone camera makes one: a JPEG, drawn here by the browser itself.
    const jpeg = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(800, 600);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d canvas');
      context.fillStyle = '#c0392b';
      context.fillRect(0, 0, 800, 600);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    });
    await page
      .locator('.file-button input[type="file"]')
      .setInputFiles({ name: '과수원.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg) });
    await expect.poll(() => page.locator('ul.thumbs img').count(), { timeout: 20_000 }).toBe(1);
    expect(await fitsViewport(page)).toBe(true);
    await screenshot(page, 'console-06-profile');

    await expect
      .poll(async () => (await fetch(`${edge}/farms/${farmId}/`)).text(), { timeout: 20_000, interval: 250 })
      .toContain(story);
    await page.context().close();
  });

  it('edits lots: boxes on hand with a reason, ending a lot early, filtering by stock state', async () => {
    const { account } = await sampleFarm();
    const page = await farmerPage(account, '/farmer/lots/');
    const recount = page.locator('[data-lot="CJ-2611-001"]');
    await recount.getByRole('button', { name: '수량 조정' }).click();
    await recount.getByLabel('지금 남은 상자').fill('37');
    await recount.getByLabel('이유').selectOption('damage');
    await recount.getByRole('button', { name: '저장' }).click();
    await expect.poll(() => recount.locator('[data-on-hand]').textContent()).toBe('37');

    // More boxes than were harvested: refused, in Korean, and nothing changes.
    await recount.getByRole('button', { name: '수량 조정' }).click();
    await recount.getByLabel('지금 남은 상자').fill('400');
    await recount.getByRole('button', { name: '저장' }).click();
    await expect.poll(() => recount.locator('.notice-error').textContent()).toMatch(/[가-힣]/);
    await page.reload();
    await expect.poll(() => page.locator('[data-lot="CJ-2611-001"] [data-on-hand]').textContent()).toBe('37');

    const ending = page.locator('[data-lot="CJ-2611-002"]');
    await ending.getByRole('button', { name: '판매 일찍 종료' }).click();
    await ending.locator('[data-confirm-end]').click();
    await expect.poll(() => ending.getAttribute('data-lot-state')).toBe('ended');

    await page.locator('[data-filter-state]').selectOption('ended');
    await expect.poll(() => page.locator('[data-lot-list] > li').count()).toBe(1);
    expect(await page.locator('[data-lot-list] > li').getAttribute('data-lot')).toBe('CJ-2611-002');
    expect(await fitsViewport(page)).toBe(true);
    await screenshot(page, 'console-07-lots');
    await page.context().close();
  });

  it('reprices an offer and the new price reaches the product page through the edge', async () => {
    const { account, farmId } = await sampleFarm();
    const page = await farmerPage(account, '/farmer/offers/');
    const offer = page.locator('[data-offer="사과 시나노골드 특 3kg"]');
    await offer.getByLabel('상자당 가격 (원)').fill('28,500');
    await offer.getByRole('button', { name: '저장' }).click();
    await expect.poll(() => offer.locator('.notice-ok').textContent()).toContain('28,500원');
    expect(await fitsViewport(page)).toBe(true);
    await screenshot(page, 'console-08-offers');
    const products = await expectStatus<{ items: { id: string; variety: string }[] }>(
      callApi(edge, 'GET', `/api/catalog/v1/products?farmId=${farmId}`),
      200,
      'farm products',
    );
    const shinano = products.items.find((product) => product.variety === '시나노골드');
    if (!shinano) throw new Error('시나노골드 is not on sale');
    await expect
      .poll(async () => (await fetch(`${edge}/products/${shinano.id}/`)).text(), { timeout: 20_000, interval: 250 })
      .toContain('28,500원');
    await page.context().close();
  });

  it("keeps every farmer to their own farm: another farm's inventory, offers and lots answer 404", async () => {
    const intruder = await onboardFarmer(edge, admin);
    const { account, farmId } = await sampleFarm();
    const inventory = await inventoryOf(farmId, account);
    const offer = inventory.products[0]?.offers[0];
    if (!offer) throw new Error('the farm has no offer');
    const lotId = offer.lots[0]?.id ?? '';
    const as = { token: intruder.token };
    const attempts = [
      callApi(edge, 'GET', `/api/catalog/v1/farms/${farmId}/inventory`, as),
      callApi(edge, 'PATCH', `/api/catalog/v1/farms/${farmId}/offers/${offer.id}`, { ...as, body: { priceKrw: 1 } }),
      callApi(edge, 'POST', `/api/catalog/v1/farms/${farmId}/lots/${lotId}/adjustments`, {
        ...as,
        body: { onHand: 0, reason: 'recount' },
      }),
      callApi(edge, 'POST', `/api/catalog/v1/farms/${farmId}/lots/${lotId}/end`, { ...as, body: {} }),
      callApi(edge, 'PATCH', `/api/catalog/v1/farms/${farmId}`, { ...as, body: { story: '남의 농장' } }),
      callApi(edge, 'GET', `/api/catalog/v1/farms/${farmId}/batch-imports/${crypto.randomUUID()}`, as),
    ];
    expect((await Promise.all(attempts)).map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(contentOf(await inventoryOf(farmId, account))).toEqual(contentOf(inventory));

    // In the console, the intruder's screens show their own (empty) farm.
    const page = await (await newNarrowPhone(browser)).newPage();
    await logInThroughPage(page, edge, intruder.account, '/farmer/lots/');
    await expect.poll(() => page.locator('[data-console-root]').textContent()).toContain('조건에 맞는 로트가 없어요');
    await page.context().close();
  });

  it('lets an admin reject with a reason the applicant reads, and disable a farm account', async () => {
    const applicant = await signUp(edge, '최반려');
    const session = await logIn(edge, applicant);
    const rejectedName = `반려 농원 ${Date.now().toString(36)}`;
    await expectStatus(
      callApi(edge, 'POST', '/api/identity/v1/farmer-applications', {
        token: session.accessToken,
        body: {
          farmName: rejectedName,
          representativeName: '최반려',
          businessRegistrationNumber: '124-81-00998',
          roadAddress: '전라남도 나주시 금천면 배길 1',
          zoneCode: '58217',
          phone: '061-330-1234',
          bankCode: '011',
          bankAccountNumber: '301-9999-8888-77',
          bankAccountHolder: '김다른',
        },
      }),
      201,
      'application to reject',
    );
    const office = await (await newDesktop(browser)).newPage();
    await logInAdminThroughPage(office, edge, admin, '/admin/');
    const card = office.locator(`[data-application="${rejectedName}"]`);
    await card.getByRole('button', { name: '반려' }).click();
    const reason = '예금주가 대표자와 다릅니다. 대표자 명의 계좌로 다시 신청해 주세요.';
    await card.getByLabel('반려 사유 (신청자에게 보여요)').fill(reason);
    await card.locator('[data-confirm-reject]').click();
    await expect.poll(() => office.locator('.notice-ok').textContent()).toContain('반려했어요');

    const page = await (await newNarrowPhone(browser)).newPage();
    await logInThroughPage(page, edge, applicant, '/farmer/apply/');
    await expect.poll(() => page.locator('[data-rejection-reason]').textContent()).toBe(reason);
    await page.getByRole('button', { name: '다시 신청하기' }).click();
    await expect.poll(() => page.getByLabel('농장 이름').inputValue()).toBe(rejectedName);
    await screenshot(page, 'console-10-rejected');
    await page.context().close();

    // A farm found by its manager's email, its account disabled.
    const farmer = await onboardFarmer(edge, admin);
    await office.goto(`${edge}/admin/farms/`);
    await office.getByLabel('농장 이름이나 이메일').fill(farmer.account.email);
    await office.getByRole('button', { name: '찾기' }).click();
    const manager = office.locator(`[data-manager="${farmer.account.email}"]`);
    office.once('dialog', (dialog) => void dialog.accept());
    await manager.getByRole('button', { name: '계정 정지' }).click();
    await expect.poll(() => manager.textContent()).toContain('정지됨');
    await screenshot(office, 'console-11-admin-farms');
    const refused = await callApi(edge, 'POST', '/api/identity/v1/sessions', { body: farmer.account });
    expect(refused).toMatchObject({ status: 403, body: { code: 'account_disabled' } });
    await office.context().close();
  });

  it('is never cached at the edge, sends the signed-out to log in, and tells a shopper how to start selling', async () => {
    for (const path of ['/farmer/', '/admin/']) {
      await fetch(`${edge}${path}`);
      const again = await fetch(`${edge}${path}`);
      expect(again.headers.get('x-cache')).toBe('miss');
      expect(again.headers.get('cache-control')).toBe('private, no-store');
    }
    const page = await (await newNarrowPhone(browser)).newPage();
    await page.goto(`${edge}/farmer/lots/`);
    await page.waitForURL(`${edge}/login/?next=%2Ffarmer%2Flots%2F`);
    const shopper = await signUp(edge, '김손님');
    await logInThroughPage(page, edge, shopper, '/farmer/');
    await expect.poll(() => page.locator('[data-console-root]').textContent()).toContain('판매 신청');
    await page.goto(`${edge}/admin/`);
    await expect.poll(() => page.locator('[data-console-root]').textContent()).toContain('관리자만');
    await page.context().close();
  });

  it("enrols a new admin's authenticator at the first log-in: QR, first code, recovery codes once", async () => {
    const fresh = await createUnenrolledAdmin(platform());
    const office = await (await newDesktop(browser)).newPage();
    await office.goto(`${edge}/login/?next=${encodeURIComponent('/admin/')}`);
    await office.getByLabel('이메일').fill(fresh.email);
    await office.getByLabel('비밀번호').fill(fresh.password);
    await office.getByRole('button', { name: '로그인' }).click();
    const qr = office.locator('[data-mfa-qr]');
    await expect.poll(() => qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await qr.evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    const secret = ((await office.locator('[data-mfa-secret]').textContent()) ?? '').replaceAll(' ', '');
    await office.getByLabel('앱에 표시된 6자리 코드').fill(totpOf(secret).generate());
    await office.getByRole('button', { name: '등록' }).click();
    await expect.poll(() => office.locator('[data-mfa-recovery-codes] li').count()).toBe(10);
    await screenshot(office, 'console-12-admin-recovery-codes');
    await office.getByRole('button', { name: '적어 두었어요' }).click();
    await office.waitForURL(`${edge}/admin/`);
    await expect.poll(() => office.locator('[data-console-root]').textContent()).not.toContain('관리자만');
    await office.context().close();
  });
});
