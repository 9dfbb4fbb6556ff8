import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSearchCursor } from '../../search/cursor.ts';
import { type CatalogHarness, createHarness } from '../../testing/harness.ts';
import { addFarm, addOffer, addProduct, search, searchBody } from '../../testing/search-fixture.ts';
import { searchOffersRoute } from './search-offers.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-search-errors');
  const farm = await addFarm(h, '거창 사과골', '경상남도', '거창군');
  const productId = await addProduct(h, farm, '사과', '부사');
  await addOffer(h, farm, productId, { grade: '상', priceKrw: 30_000 });
  await addOffer(h, farm, productId, { grade: '특', priceKrw: 40_000 });
});
afterAll(async () => {
  await h.close();
});

describe('search parameters', () => {
  it.each([
    [{ grade: '최상' }, 'query.grade', /특, 상, 보통, 못난이/],
    [{ grade: ['특', '최상'] }, 'query.grade', /특, 상, 보통, 못난이/],
    [{ minPrice: 50_000, maxPrice: 10_000 }, 'query.maxPrice', /maxPrice must be at least minPrice/],
    [{ minPrice: -1 }, 'query.minPrice', /0 KRW or more/],
    [{ maxPrice: '3만원' }, 'query.maxPrice', /whole number of KRW/],
    [{ sort: 'cheapest' }, 'query.sort', /price_asc/],
    [{ q: '사'.repeat(101) }, 'query.q', /100/],
    [{ limit: 51 }, 'query.limit', /50/],
    [{ limit: 0 }, 'query.limit', /At least 1/],
    [{ cursor: 'not-a-cursor' }, 'query.cursor', /nextCursor/],
    [{ inStock: 'yes' }, 'query.inStock', /true or false/],
    [{ certification: 'HACCP' }, 'query.certification', /GAP, 무농약, 유기농/],
    [{ region: '서울특별시민' }, 'query.region', /province/],
    [{ region: '청송군' }, 'query.region', /province/],
  ])('refuse %o with a 400 naming %s', async (params, field, message) => {
    const response = await search(h, params);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = response.problem;
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([expect.objectContaining({ field })]);
    expect(problem.errors?.[0]?.message).toMatch(message);
  });

  it('refuse a cursor made for another sort', async () => {
    const cursor = encodeSearchCursor({ sort: 'price_asc', priceKrw: 30_000, id: crypto.randomUUID() });
    const response = await search(h, { cursor, sort: 'popularity' });
    expect(response.status).toBe(400);
    expect(response.problem.errors).toEqual([
      expect.objectContaining({ field: 'query.cursor', message: expect.stringMatching(/sort=price_asc/) }),
    ]);
    // With text the default sort is relevance, so a newest-harvest cursor is from another search.
    const newest = encodeSearchCursor({ sort: 'newest_harvest', harvestedOn: null, id: crypto.randomUUID() });
    expect((await search(h, { q: '사과', cursor: newest })).status).toBe(400);
  });

  it('ignore parameters it does not know (tracking tags) and empty text', async () => {
    const body = await searchBody(h, { utm_source: 'naver', q: '  ' });
    expect(body.items).toHaveLength(2);
  });
});

describe('search responses', () => {
  it('are public and cacheable, with an ETag the edge can revalidate', async () => {
    const response = await search(h, { q: '사과' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=30');
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^".+"$/);
    const again = await h.app.request('/v1/search?q=%EC%82%AC%EA%B3%BC', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('are documented in OpenAPI with every parameter', async () => {
    // This route alone, so the check does not depend on how other routes document themselves.
    const app = new OpenAPIHono();
    app.openapi(searchOffersRoute, (c) =>
      c.json({ items: [], sort: 'newest_harvest' as const, nextCursor: null }, 200),
    );
    const document = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'search', version: '1' } });
    const get = document.paths?.['/v1/search']?.get;
    const parameters = (get?.parameters ?? []).map((parameter) => ('name' in parameter ? parameter.name : ''));
    expect(parameters).toEqual([
      'q',
      'fruit',
      'variety',
      'region',
      'grade',
      'minPrice',
      'maxPrice',
      'inStock',
      'certification',
      'sort',
      'cursor',
      'limit',
    ]);
    expect(get?.tags).toEqual(['catalog']);
    expect(JSON.stringify(get?.responses?.['200'])).toContain('샤인머스캣');
  });
});
