import { responseSchema, withId } from '@fruitables/kit/testing';
import { accounts, identityTables } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFarms } from '../../domain/farms.ts';
import { call, farmerApplicationBody, type SignedIn, signedInAdmin, signedInShopper } from '../../testing/client.ts';
import { createHarness, type IdentityHarness, uniqueEmail } from '../../testing/harness.ts';
import { farmPageSchema } from './schema.ts';
import { verifyFarmerApplicationRoute } from './verify-farmer-application.ts';

/*
 * Its own database: these tests count every farm there is, so no other file's farms may show up.
 */
let h: IdentityHarness;
let admin: SignedIn;
beforeAll(async () => {
  h = await createHarness('admin-farms');
  admin = await signedInAdmin(h);
});
afterAll(async () => {
  await h.close();
});

interface FarmBody {
  id: string;
  name: string;
  createdAt: string;
  managers: { accountId: string; email: string; displayName: string; status: string; disabledAt: string | null }[];
}
interface FarmPage {
  items: FarmBody[];
  nextCursor: string | null;
}

/** A new farm through the real flow (apply, then an admin verifies), managed by a new account. */
async function verifiedFarm(
  farmName: string,
  email = uniqueEmail('farmer'),
  emailProved = true,
): Promise<{ farmId: string; manager: SignedIn }> {
  const manager = await signedInShopper(h, { email, displayName: '박정호' });
  // As if the farmer had followed our verification mail (that flow is tested in email-ownership.test.ts).
  if (emailProved)
    await h.db.update(accounts).set({ emailVerifiedAt: h.clock.now() }).where(eq(accounts.id, manager.accountId));
  const filed = await call(h, 'POST', '/v1/farmer-applications', {
    token: manager.accessToken,
    body: farmerApplicationBody({ farmName, phone: '054-873-1234', bankAccountNumber: '301-1234-5678-91' }),
  });
  const { id } = filed.parse(withId);
  const verified = await call(h, 'POST', `/v1/admin/farmer-applications/${id}/verify`, { token: admin.accessToken });
  expect(verified.status).toBe(200);
  const { farmId } = verified.parse(responseSchema(verifyFarmerApplicationRoute, 200));
  if (farmId === null) throw new Error('the verified application has no farm');
  return { farmId, manager };
}

const listFarmsPage = (query = '') => call(h, 'GET', `/v1/admin/farms${query}`, { token: admin.accessToken });
const page = async (query = ''): Promise<FarmPage> => {
  const response = await listFarmsPage(query);
  expect(response.status, response.text).toBe(200);
  return response.parse(farmPageSchema);
};

/** Every farm the listing has, following `nextCursor` to the end. */
async function everyFarm(query: string, limit: number): Promise<FarmBody[]> {
  const farms: FarmBody[] = [];
  let cursor: string | null = null;
  do {
    const next: FarmPage = await page(`?limit=${limit}${query}${cursor ? `&after=${cursor}` : ''}`);
    farms.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor);
  return farms;
}

describe('the farm list', () => {
  let orchard: { farmId: string; manager: SignedIn };
  let berries: { farmId: string; manager: SignedIn };
  let citrus: { farmId: string; manager: SignedIn };
  let partner: SignedIn & { farmId: string };

  beforeAll(async () => {
    orchard = await verifiedFarm('Sunny APPLE Orchard 햇살 사과농원', uniqueEmail('orchard'));
    berries = await verifiedFarm('딸기왕 100%_농장', uniqueEmail('berries'));
    citrus = await verifiedFarm('제주 감귤원', uniqueEmail('citrus.KING'));
    // A second farmer who also manages the orchard, then gets disabled.
    const own = await verifiedFarm('partner farm', uniqueEmail('partner'));
    partner = { ...own.manager, farmId: own.farmId };
    const linked = await call(h, 'POST', `/v1/admin/accounts/${partner.accountId}/farms`, {
      token: admin.accessToken,
      body: { farmId: orchard.farmId },
    });
    expect(linked.status).toBe(200);
    const disabled = await call(h, 'POST', `/v1/admin/accounts/${partner.accountId}/disable`, {
      token: admin.accessToken,
      body: { reason: '계정 도용 신고' },
    });
    expect(disabled.status).toBe(200);
  });

  it('lists every farm newest first, each with its managers and nothing private', async () => {
    const response = await listFarmsPage();
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const { items, nextCursor } = response.parse(farmPageSchema);
    expect(nextCursor).toBeNull();
    expect(items.map((farm) => farm.id)).toEqual([partner.farmId, citrus.farmId, berries.farmId, orchard.farmId]);
    expect(items[1]).toEqual({
      id: citrus.farmId,
      name: '제주 감귤원',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      managers: [
        {
          accountId: citrus.manager.accountId,
          email: citrus.manager.email.toLowerCase(),
          displayName: '박정호',
          status: 'active',
          disabledAt: null,
        },
      ],
    });
    const raw = JSON.stringify(items);
    for (const secret of ['0548731234', '054-873-1234', '3011234567891', 'bank', 'phone', 'mobile']) {
      expect(raw).not.toContain(secret);
    }
  });

  it('lists every manager of a farm, a disabled one as disabled, in the order they were linked', async () => {
    const [farm] = (await page(`?q=${encodeURIComponent('sunny apple')}`)).items;
    expect(farm?.managers).toEqual([
      expect.objectContaining({ accountId: orchard.manager.accountId, status: 'active', disabledAt: null }),
      expect.objectContaining({
        accountId: partner.accountId,
        email: partner.email,
        status: 'disabled',
        disabledAt: expect.stringMatching(/Z$/),
      }),
    ]);
  });

  it('pages with limit and after, every farm exactly once', async () => {
    const first = await page('?limit=3');
    expect(first.items.map((farm) => farm.id)).toEqual([partner.farmId, citrus.farmId, berries.farmId]);
    expect(first.nextCursor).toBe(berries.farmId);
    const second = await page(`?limit=3&after=${first.nextCursor}`);
    expect(second.items.map((farm) => farm.id)).toEqual([orchard.farmId]);
    expect(second.nextCursor).toBeNull();
    // A farm with two managers counts once towards the limit, whichever page it lands on.
    expect((await everyFarm('', 1)).map((farm) => farm.id)).toEqual([
      partner.farmId,
      citrus.farmId,
      berries.farmId,
      orchard.farmId,
    ]);
    const exact = await page('?limit=4');
    expect(exact.items).toHaveLength(4);
    expect(exact.nextCursor).toBeNull();
  });

  it.each([
    ['part of the name, in any case', 'apple', ['orchard']],
    ['Korean text in the name', '감귤', ['citrus']],
    ['a manager email, in any case', 'CITRUS.king', ['citrus']],
    ['surrounding spaces trimmed', '  딸기왕  ', ['berries']],
    ['% and _ as themselves', '100%_', ['berries']],
    ['a lone %, not a wildcard', '%', ['berries']],
    ['a lone _, not a wildcard', '_', ['berries']],
    ['nothing that matches', 'durian', []],
  ])('filters by q: %s', async (_, q, expected) => {
    const ids = { orchard: () => orchard.farmId, berries: () => berries.farmId, citrus: () => citrus.farmId };
    const { items } = await page(`?q=${encodeURIComponent(q)}`);
    expect(items.map((farm) => farm.id)).toEqual(expected.map((name) => ids[name as keyof typeof ids]()));
  });

  it("finds a farm by any manager's email and still lists all its managers", async () => {
    // The partner's email matches the orchard (which they co-manage) and their own farm.
    const { items } = await page(`?q=${encodeURIComponent(partner.email.toUpperCase())}`);
    expect(items.map((farm) => farm.id)).toEqual([partner.farmId, orchard.farmId]);
    expect(items[1]?.managers.map((manager) => manager.accountId)).toEqual([
      orchard.manager.accountId,
      partner.accountId,
    ]);
  });

  it('pages through a filtered list', async () => {
    const first = await page(`?limit=1&q=${encodeURIComponent(partner.email)}`);
    expect(first.items.map((farm) => farm.id)).toEqual([partner.farmId]);
    const second = await page(`?limit=1&q=${encodeURIComponent(partner.email)}&after=${first.nextCursor}`);
    expect(second.items.map((farm) => farm.id)).toEqual([orchard.farmId]);
    expect(second.nextCursor).toBeNull();
  });

  it('treats a blank q as no filter', async () => {
    expect((await page('?q=%20%20')).items).toHaveLength(4);
  });

  it('reads one page in one SQL statement, however many farms and managers it holds', async () => {
    const statements: string[] = [];
    const db = drizzle(h.sql, { schema: identityTables, logger: { logQuery: (query) => statements.push(query) } });
    const listed = await listFarms({ db }, { limit: 10 });
    expect(listed.items).toHaveLength(4);
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toMatch(/sealed|bank|phone|mobile/);
  });
});

describe('farm list input', () => {
  it.each([
    ['q longer than 100 characters', `?q=${encodeURIComponent('가'.repeat(101))}`, 'query.q'],
    ['a limit over 100', '?limit=101', 'query.limit'],
    ['a limit of 0', '?limit=0', 'query.limit'],
    ['a cursor that is not an id', '?after=abc', 'query.after'],
  ])('refuses %s with a 400 naming the field', async (_, query, field) => {
    const response = await listFarmsPage(query);
    expect(response.status).toBe(400);
    expect(response.problem.errors?.map((error) => error.field)).toEqual([field]);
  });

  it('accepts q of exactly 100 characters', async () => {
    expect((await listFarmsPage(`?q=${encodeURIComponent('가'.repeat(100))}`)).status).toBe(200);
  });
});

// Last in the file: it adds a farm, and the tests above count every farm there is.
describe('the farm search and unproved emails', () => {
  it('does not find a farm by a manager email nobody has proved yet (an unverified sign-up may be a squatter)', async () => {
    const email = uniqueEmail('unproved');
    const { farmId } = await verifiedFarm('미확인 농원', email, false);
    expect((await page(`?q=${encodeURIComponent(email)}`)).items.map((farm) => farm.id)).not.toContain(farmId);
    expect((await page(`?q=${encodeURIComponent('미확인 농원')}`)).items.map((farm) => farm.id)).toContain(farmId);
  });
});
