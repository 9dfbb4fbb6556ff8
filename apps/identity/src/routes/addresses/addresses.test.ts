import { readResponse, type TestResponse } from '@fruitables/kit/testing';
import { addresses } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type SignedIn, signedInShopper } from '../../testing/client.ts';
import { createHarness, type IdentityHarness } from '../../testing/harness.ts';
import { addressListSchema, addressSchema } from './schema.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('addresses');
});
afterAll(async () => {
  await h.close();
});

interface AddressBody {
  id: string;
  isDefault: boolean;
  phone: string;
  deliveryNotes: string | null;
  addressDetail: string;
}

const home = (overrides: Record<string, unknown> = {}) => ({
  recipient: '김민지',
  phone: '010-1234-5678',
  roadAddress: '서울특별시 강남구 테헤란로 152',
  addressDetail: '101동 1502호',
  zoneCode: '06236',
  deliveryNotes: '공동현관 비밀번호 #1234',
  ...overrides,
});

async function add(owner: SignedIn, overrides: Record<string, unknown> = {}): Promise<AddressBody> {
  const response = await call(h, 'POST', '/v1/me/addresses', { token: owner.accessToken, body: home(overrides) });
  expect(response.status).toBe(201);
  return response.parse(addressSchema);
}

const list = async (owner: SignedIn) =>
  (await call(h, 'GET', '/v1/me/addresses', { token: owner.accessToken })).parse(addressListSchema).items;

describe('address book', () => {
  it('adds, reads, changes and deletes an address', async () => {
    const shopper = await signedInShopper(h);
    const created = await add(shopper);
    expect(created).toMatchObject({ phone: '01012345678', deliveryNotes: '공동현관 비밀번호 #1234', isDefault: true });
    const read = await call(h, 'GET', `/v1/me/addresses/${created.id}`, { token: shopper.accessToken });
    expect(read.json).toEqual(created);
    const changed = await call(h, 'PATCH', `/v1/me/addresses/${created.id}`, {
      token: shopper.accessToken,
      body: { addressDetail: '101동 1503호', deliveryNotes: null },
    });
    expect(changed.json).toMatchObject({ addressDetail: '101동 1503호', deliveryNotes: null });
    const removed = await call(h, 'DELETE', `/v1/me/addresses/${created.id}`, { token: shopper.accessToken });
    expect(removed.status).toBe(204);
    expect(await list(shopper)).toEqual([]);
  });

  it('keeps exactly one default: the first address, then whichever is made default', async () => {
    const shopper = await signedInShopper(h);
    const first = await add(shopper);
    const second = await add(shopper, { recipient: '회사' });
    expect(second.isDefault).toBe(false);
    const third = await add(shopper, { recipient: '부모님 댁', isDefault: true });
    expect(third.isDefault).toBe(true);
    let defaults = (await list(shopper)).filter((address) => address.isDefault);
    expect(defaults.map((address) => address.id)).toEqual([third.id]);
    await call(h, 'PATCH', `/v1/me/addresses/${first.id}`, { token: shopper.accessToken, body: { isDefault: true } });
    defaults = (await list(shopper)).filter((address) => address.isDefault);
    expect(defaults.map((address) => address.id)).toEqual([first.id]);
  });

  it('hands the default to the newest remaining address when the default is deleted', async () => {
    const shopper = await signedInShopper(h);
    const first = await add(shopper);
    await add(shopper);
    const newest = await add(shopper);
    await call(h, 'DELETE', `/v1/me/addresses/${first.id}`, { token: shopper.accessToken });
    const remaining = await list(shopper);
    expect(remaining.filter((address) => address.isDefault).map((address) => address.id)).toEqual([newest.id]);
  });

  it('keeps one default when two addresses are added at once to an empty book', async () => {
    const shopper = await signedInShopper(h);
    await Promise.all(Array.from({ length: 4 }, () => add(shopper)));
    expect((await list(shopper)).filter((address) => address.isDefault)).toHaveLength(1);
  });

  it('keeps exactly one default when several addresses are made default at once', async () => {
    const shopper = await signedInShopper(h);
    const book: AddressBody[] = [];
    for (let i = 0; i < 4; i++) book.push(await add(shopper));
    const responses = await Promise.all(
      book.map((address) =>
        call(h, 'PATCH', `/v1/me/addresses/${address.id}`, { token: shopper.accessToken, body: { isDefault: true } }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect((await list(shopper)).filter((address) => address.isDefault)).toHaveLength(1);
  });

  it('does not wait for writes that merely reference the account, such as a session starting', async () => {
    const shopper = await signedInShopper(h);
    let created: Promise<TestResponse> = readResponse(new Response());
    const outcome = await h.owner.begin(async (sql) => {
      // A row pointing at the account holds a key-share lock on it until this transaction ends.
      await sql`insert into identity.refresh_token_families (id, account_id, created_at)
                values (gen_random_uuid(), ${shopper.accountId}, now())`;
      created = call(h, 'POST', '/v1/me/addresses', { token: shopper.accessToken, body: home() });
      const waited = new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 1_000));
      return Promise.race([created.then((response) => response.status), waited]);
    });
    await created;
    expect(outcome).toBe(201);
  });

  it('lets the database refuse a second default even if code tried', async () => {
    const shopper = await signedInShopper(h);
    const first = await add(shopper);
    const second = await add(shopper);
    expect(first.isDefault).toBe(true);
    await expect(h.db.update(addresses).set({ isDefault: true }).where(eq(addresses.id, second.id))).rejects.toThrow();
  });

  it('refuses to unset the default directly', async () => {
    const shopper = await signedInShopper(h);
    const first = await add(shopper);
    const response = await call(h, 'PATCH', `/v1/me/addresses/${first.id}`, {
      token: shopper.accessToken,
      body: { isDefault: false },
    });
    expect(response.status).toBe(400);
  });

  it('seals the phone number and delivery notes at rest', async () => {
    const shopper = await signedInShopper(h);
    const created = await add(shopper, { phone: '010-9999-0000', deliveryNotes: '현관 비밀번호 4321' });
    const [row] = await h.owner<{ phone_sealed: string; delivery_notes_sealed: string }[]>`
      select phone_sealed, delivery_notes_sealed from identity.addresses where id = ${created.id}`;
    expect(row?.phone_sealed).toMatch(/^v1\.k1\./);
    expect(row?.phone_sealed).not.toContain('9999');
    expect(row?.delivery_notes_sealed).not.toContain('4321');
  });

  it('validates the zone code and the phone number, naming the fields', async () => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'POST', '/v1/me/addresses', {
      token: shopper.accessToken,
      body: home({ zoneCode: '1234', phone: '12345' }),
    });
    expect(response.status).toBe(400);
    const fields = response.problem.errors?.map((error) => error.field).sort();
    expect(fields).toEqual(['phone', 'zoneCode']);
  });

  it('refuses an accountId smuggled into the body', async () => {
    const victim = await signedInShopper(h);
    const attacker = await signedInShopper(h);
    const response = await call(h, 'POST', '/v1/me/addresses', {
      token: attacker.accessToken,
      body: home({ accountId: victim.accountId }),
    });
    expect(response.status).toBe(400);
    expect(await list(victim)).toEqual([]);
  });
});

describe('address book isolation (BOLA)', () => {
  it("answers 404 for another person's address on read, change and delete, and leaves it intact", async () => {
    const owner = await signedInShopper(h);
    const other = await signedInShopper(h);
    const address = await add(owner);
    const asOther = { token: other.accessToken };
    const read = await call(h, 'GET', `/v1/me/addresses/${address.id}`, asOther);
    const change = await call(h, 'PATCH', `/v1/me/addresses/${address.id}`, {
      ...asOther,
      body: { recipient: '도둑' },
    });
    const remove = await call(h, 'DELETE', `/v1/me/addresses/${address.id}`, asOther);
    const makeDefault = await call(h, 'PATCH', `/v1/me/addresses/${address.id}`, {
      ...asOther,
      body: { isDefault: true },
    });
    for (const response of [read, change, remove, makeDefault]) {
      expect(response.status).toBe(404);
      expect(response.problem.code).toBe('address_not_found');
    }
    const missing = await call(h, 'GET', '/v1/me/addresses/0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b', asOther);
    expect(missing.problem.code).toBe('address_not_found');
    expect(await list(owner)).toEqual([address]);
    expect(await list(other)).toEqual([]);
  });
});
