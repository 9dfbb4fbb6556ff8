import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogHarness, call, createHarness, outboxTypes, seedFarm } from '../../testing/harness.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-farm-profile');
});
afterAll(async () => {
  await h.close();
});

describe('editing the farm profile', () => {
  it('saves the profile, shows it publicly and announces FarmUpdated once per real change', async () => {
    const farm = await seedFarm(h);
    const path = `/v1/farms/${farm.farmId}`;
    const profile = {
      name: '햇살사과농원',
      regionSido: '충청북도',
      regionSigungu: '충주시',
      story: '해발 300m 산자락에서 3대째 사과를 키웁니다.',
      certifications: [{ kind: 'GAP', number: 'GAP-2026-0001' }],
    };
    const saved = await call(h, 'PATCH', path, { token: farm.token, body: profile });
    expect(saved.status).toBe(200);
    expect(saved.json).toEqual({ id: farm.farmId, ...profile });
    expect((await call(h, 'GET', path)).json).toEqual({ id: farm.farmId, ...profile, photos: [] });

    const before = (await outboxTypes(h)).length;
    // Saving the same values again changes nothing a shopper sees: no event, no page rebuild.
    await call(h, 'PATCH', path, { token: farm.token, body: { story: profile.story } });
    await call(h, 'PATCH', path, { token: farm.token, body: { regionSigungu: '충주시 산척면' } });
    expect((await outboxTypes(h)).slice(before)).toEqual(['FarmUpdated']);
    const [event] = await h.owner<{ data: Record<string, unknown> }[]>`
      select envelope->'data' as data from catalog.outbox
      where type = 'FarmUpdated' and envelope->>'aggregateId' = ${farm.farmId} order by seq desc limit 1`;
    expect(event?.data).toMatchObject({ ...profile, regionSigungu: '충주시 산척면', changed: ['region'] });
  });

  it('names each bad field, Korean first, and changes nothing', async () => {
    const farm = await seedFarm(h, '바른농원');
    const response = await call(h, 'PATCH', `/v1/farms/${farm.farmId}`, {
      token: farm.token,
      body: {
        name: ' ',
        regionSido: '충북',
        certifications: [
          { kind: 'GAP', number: 'A-1' },
          { kind: 'GAP', number: 'A-2' },
        ],
      },
    });
    expect(response.status).toBe(400);
    const problem = response.problem;
    expect(problem.errors?.map((error) => error.field).sort()).toEqual(['certifications', 'name', 'regionSido']);
    expect(problem.errors?.find((error) => error.field === 'regionSido')?.message).toMatch(/시\/도.*충청북도/);
    expect((await call(h, 'GET', `/v1/farms/${farm.farmId}`)).json).toMatchObject({ name: '바른농원' });

    const unknown = await call(h, 'PATCH', `/v1/farms/${farm.farmId}`, { token: farm.token, body: { owner: 'me' } });
    expect(unknown.status).toBe(400);
    const empty = await call(h, 'PATCH', `/v1/farms/${farm.farmId}`, { token: farm.token, body: {} });
    expect(empty.status).toBe(400);
  });

  it("answers 404 to another farm's farmer and to a shopper, and lets an admin edit", async () => {
    const farm = await seedFarm(h, '남의농원');
    const other = await seedFarm(h, '내농원');
    const path = `/v1/farms/${farm.farmId}`;
    expect((await call(h, 'PATCH', path, { token: other.token, body: { story: 'x' } })).status).toBe(404);
    expect((await call(h, 'PATCH', path, { token: await h.signer.shopper(), body: { story: 'x' } })).status).toBe(404);
    expect((await call(h, 'PATCH', path, { body: { story: 'x' } })).status).toBe(401);
    expect(
      (await call(h, 'PATCH', path, { token: await h.signer.admin(), body: { story: '관리자 수정' } })).status,
    ).toBe(200);
  });
});
