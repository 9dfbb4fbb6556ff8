import type { TestResponse } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogHarness, call, createHarness, seedFarm } from '../testing/harness.ts';

// PostgreSQL text cannot hold U+0000: a value carrying one must be refused as bad input before
// it reaches a query, never fail there as a 500. The kit does it for every route of every
// service; catalog's real app is the proof.
let h: CatalogHarness;
let farm: { farmId: string; token: string };
beforeAll(async () => {
  h = await createHarness('catalog-unsafe-input');
  farm = await seedFarm(h);
});
afterAll(async () => {
  await h.close();
});

const problemOf = (response: TestResponse) => ({ ...response.problem, status: response.status });

describe('characters no service can store', () => {
  it.each([
    ['a NUL in a lot code', (farmId: string) => `/v1/farms/${farmId}/lots/CJ%00-01`],
    ['a NUL alone as the lot code', (farmId: string) => `/v1/farms/${farmId}/lots/%00`],
    ['a NUL in the farm id', () => '/v1/farms/%00/lots/CJ-01'],
  ])('refuses %s in the path with a 400, not a 500', async (_, path) => {
    const problem = await problemOf(await call(h, 'GET', path(farm.farmId)));
    expect(problem).toMatchObject({ status: 400, code: 'invalid_characters' });
    expect(problem.errors?.map((error) => error.field)).toEqual(['path']);
  });

  it('refuses a NUL in a query parameter, naming it', async () => {
    const problem = await problemOf(await call(h, 'GET', '/v1/products?q=%EC%82%AC%EA%B3%BC%00'));
    expect(problem).toMatchObject({ status: 400, code: 'invalid_characters' });
    expect(problem.errors?.map((error) => error.field)).toEqual(['query.q']);
  });

  it('does not mistake an encoded percent sign or Korean text for one', async () => {
    expect((await call(h, 'GET', `/v1/farms/${farm.farmId}/lots/CJ%2500`)).status).toBe(404);
    expect((await call(h, 'GET', `/v1/farms/${farm.farmId}/lots/%EC%82%AC%EA%B3%BC-01`)).status).toBe(404);
  });

  it('treats a lone surrogate in the path as a lot that does not exist', async () => {
    // Percent-decoding refuses it (it is not UTF-8), so the route sees the escapes as text.
    expect((await call(h, 'GET', `/v1/farms/${farm.farmId}/lots/%ED%A0%80`)).status).toBe(404);
  });

  it.each([
    ['a NUL', '해발 300m\u0000 산자락'],
    ['a lone surrogate', '해발 300m \ud800 산자락'],
  ])('refuses %s in a JSON body field, naming the field', async (_, story) => {
    const response = await call(h, 'PATCH', `/v1/farms/${farm.farmId}`, { token: farm.token, body: { story } });
    const problem = await problemOf(response);
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((error) => error.field)).toEqual(['story']);
  });
});
