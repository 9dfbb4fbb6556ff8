import { problemResponses } from '@fruitables/kit';
import { createRoute, type z } from '@hono/zod-openapi';
import { decodeSearchCursor } from '../../search/cursor.ts';
import { parseRegion } from '../../search/regions.ts';
import { type SearchRequest, searchOffers } from '../../search/search-offers.ts';
import { cacheableJson, notModified } from '../cacheable.ts';
import type { CatalogApp, RouteDeps } from '../deps.ts';
import { searchPageSchema, searchQuery } from './schema.ts';

export const searchOffersRoute = createRoute({
  method: 'get',
  path: '/v1/search',
  tags: ['catalog'],
  summary: 'Search offers: Korean text, filters and sorts',
  description: [
    'Published offers of published products. `q` matches fruit, variety, farm name and region, each word',
    'somewhere (partial words and near misses too: 한라 → 한라봉, 샤인머스켓 → 샤인머스캣); filters narrow',
    'it down; keyset pages (`cursor`) never repeat or skip an offer while the sort keys stay put.',
    'Examples: `?q=사과&inStock=true`, `?q=제주 한라봉&sort=price_asc`, `?fruit=딸기&grade=못난이&region=충남`,',
    '`?certification=유기농&sort=popularity`. Cacheable by the edge for 30 s (`Cache-Control: public, max-age=30`, ETag).',
  ].join(' '),
  request: { query: searchQuery },
  responses: {
    200: {
      description: 'One page of offers',
      content: {
        'application/json': {
          schema: searchPageSchema,
          example: {
            items: [
              {
                offerId: '0196f0c2-7b3a-7c1e-8f00-000000000020',
                productId: '0196f0c2-7b3a-7c1e-8f00-000000000010',
                farmId: '0196f0c2-7b3a-7c1e-8f00-000000000003',
                farmName: '영동 포도마을',
                region: { sido: '충청북도', sigungu: '영동군' },
                fruit: '포도',
                variety: '샤인머스캣',
                grade: '특',
                packKg: 2,
                countPerBox: 3,
                priceKrw: 35000,
                stockState: 'in_stock',
                newestHarvestOn: '2026-11-18',
                certifications: ['GAP'],
              },
            ],
            sort: 'relevance',
            nextCursor: 'eyJzIjoicmVsZXZhbmNlIiwiayI6NDAwLCJpIjoiMDE5NmYwYzItN2IzYS03YzFlLThmMDAtMDAwMDAwMDAwMDIwIn0',
          },
        },
      },
    },
    ...notModified,
    ...problemResponses(400),
  },
});

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The validated query as the domain's request (the schema has already checked region and cursor). */
function searchRequest(query: z.infer<typeof searchQuery>): SearchRequest {
  return {
    text: query.q,
    fruit: query.fruit,
    variety: query.variety,
    region: query.region === undefined ? undefined : parseRegion(query.region),
    grades: list(query.grade),
    minPriceKrw: query.minPrice,
    maxPriceKrw: query.maxPrice,
    inStock: query.inStock === 'true',
    certifications: list(query.certification),
    sort: query.sort,
    cursor: query.cursor === undefined ? undefined : decodeSearchCursor(query.cursor),
    limit: query.limit,
  };
}

export function registerSearchOffers(app: CatalogApp, deps: RouteDeps): void {
  app.openapi(searchOffersRoute, async (c) => {
    const page = await searchOffers(deps.ctx, searchRequest(c.req.valid('query')));
    return cacheableJson(c, page);
  });
}
