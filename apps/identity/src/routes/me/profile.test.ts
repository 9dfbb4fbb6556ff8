import { createFieldCipher } from '@fruitables/core/field-cipher';
import { accounts } from '@fruitables/schema-identity';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProfile, updateProfile } from '../../domain/accounts.ts';
import { call, signedInShopper } from '../../testing/client.ts';
import { createHarness, type IdentityHarness, randomAesKey } from '../../testing/harness.ts';

let h: IdentityHarness;
beforeAll(async () => {
  h = await createHarness('profile');
});
afterAll(async () => {
  await h.close();
});

describe('profile', () => {
  it('shows the caller their own profile', async () => {
    const shopper = await signedInShopper(h, { mobile: '01022223333' });
    const response = await call(h, 'GET', '/v1/me', { token: shopper.accessToken });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect(response.json).toMatchObject({
      id: shopper.accountId,
      email: shopper.email,
      mobile: '01022223333',
      roles: ['shopper'],
      farmIds: [],
      status: 'active',
    });
  });

  it('changes the display name and the mobile number, and clears the number with null', async () => {
    const shopper = await signedInShopper(h);
    const changed = await call(h, 'PATCH', '/v1/me', {
      token: shopper.accessToken,
      body: { displayName: '이서연', mobile: '010-4444-5555' },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ displayName: '이서연', mobile: '01044445555' });
    const cleared = await call(h, 'PATCH', '/v1/me', { token: shopper.accessToken, body: { mobile: null } });
    expect(cleared.json).toMatchObject({ displayName: '이서연', mobile: null });
  });

  it('keeps the mobile number sealed at rest', async () => {
    const shopper = await signedInShopper(h);
    await call(h, 'PATCH', '/v1/me', { token: shopper.accessToken, body: { mobile: '010-7777-8888' } });
    const [row] = await h.owner<{ mobile_sealed: string }[]>`
      select mobile_sealed from identity.accounts where id = ${shopper.accountId}`;
    expect(row?.mobile_sealed).toMatch(/^v1\.k1\./);
    expect(row?.mobile_sealed).not.toContain('01077778888');
    expect(row?.mobile_sealed).not.toContain('7777');
  });

  it('still reads numbers sealed with a retired key after the active key rotates', async () => {
    const shopper = await signedInShopper(h);
    const oldKey = randomAesKey();
    const before = createFieldCipher({ keys: new Map([['2026a', oldKey]]), activeKeyId: '2026a' });
    await updateProfile({ ...h, cipher: before }, shopper.accountId, { mobile: '01012121212' });
    const after = createFieldCipher({
      keys: new Map([
        ['2026a', oldKey],
        ['2026b', randomAesKey()],
      ]),
      activeKeyId: '2026b',
    });
    expect((await getProfile({ ...h, cipher: after }, shopper.accountId)).mobile).toBe('01012121212');
    await updateProfile({ ...h, cipher: after }, shopper.accountId, { mobile: '01034343434' });
    const [row] = await h.owner<{ mobile_sealed: string }[]>`
      select mobile_sealed from identity.accounts where id = ${shopper.accountId}`;
    expect(row?.mobile_sealed.startsWith('v1.2026b.')).toBe(true);
  });

  it.each([
    ['roles', ['admin']],
    ['role', 'admin'],
    ['verified', true],
    ['farmIds', ['0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b']],
    ['email', 'someone-else@example.kr'],
    ['status', 'active'],
  ])('refuses %s in a profile update and changes nothing', async (field, value) => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'PATCH', '/v1/me', {
      token: shopper.accessToken,
      body: { displayName: '바뀜', [field]: value },
    });
    expect(response.status).toBe(400);
    expect(response.problem.errors?.[0]?.message).toContain(`"${field}"`);
    const [row] = await h.db.select().from(accounts).where(eq(accounts.id, shopper.accountId));
    expect(row).toMatchObject({ displayName: '김민지', roles: ['shopper'], email: shopper.email });
  });

  it('refuses a malformed mobile number, naming the field', async () => {
    const shopper = await signedInShopper(h);
    const response = await call(h, 'PATCH', '/v1/me', { token: shopper.accessToken, body: { mobile: '02-123-4567' } });
    expect(response.status).toBe(400);
    expect(response.problem.errors?.map((error) => error.field)).toEqual(['mobile']);
  });
});
