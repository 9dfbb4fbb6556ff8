import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { FARM_ID, PRODUCT_ID } from '../../contract/examples.ts';
import { productListSchema } from '../../contract/public-reads.ts';
import { grades } from '../../contract/values.ts';
import { listPublicProducts } from '../../domain/product-list.ts';
import { cacheableJson, notModified } from '../cacheable.ts';
import type { CatalogApp, RouteDeps } from '../deps.ts';
import { publicProductBody } from './public-schema.ts';

const query = z.object({
  fruit: z.string().trim().min(1).max(40).optional().openapi({ example: '사과' }),
  grade: z
    .enum(grades, '등급은 특, 상, 보통, 못난이 중 하나입니다. Grade is one of 특, 상, 보통, 못난이.')
    .optional()
    .openapi({ example: '못난이' }),
  farmId: z.uuid().optional().openapi({ example: FARM_ID }),
  cursor: z.uuid().optional().openapi({ example: PRODUCT_ID, description: '`nextCursor` of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
});

export const listProductsRoute = createRoute({
  method: 'get',
  path: '/v1/products',
  tags: ['catalog'],
  summary: 'Published products with their offers, filtered and paginated',
  description: 'Cacheable by the edge for 30 s (`Cache-Control: public, max-age=30`, ETag).',
  request: { query },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: productListSchema } } },
    ...notModified,
    ...problemResponses(400),
  },
});

export function registerListProducts(app: CatalogApp, deps: RouteDeps): void {
  app.openapi(listProductsRoute, async (c) => {
    const { cursor, ...filters } = c.req.valid('query');
    const page = await listPublicProducts(deps.ctx, { ...filters, ...(cursor ? { after: cursor } : {}) });
    return cacheableJson(c, { items: page.items.map(publicProductBody), nextCursor: page.nextCursor });
  });
}
