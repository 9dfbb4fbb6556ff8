import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { publicProductPageSchema } from '../../contract/public-reads.ts';
import { productNotFound } from '../../domain/errors.ts';
import { photosOf } from '../../domain/photo-reads.ts';
import { findPublicProduct } from '../../domain/product-list.ts';
import { cacheableJson, notModified } from '../cacheable.ts';
import type { CatalogApp, RouteDeps } from '../deps.ts';
import { productParams } from '../params.ts';
import { photoResponse } from '../photos/schema.ts';
import { publicProductBody } from './public-schema.ts';

export const getProductRoute = createRoute({
  method: 'get',
  path: '/v1/products/{productId}',
  tags: ['catalog'],
  summary: 'A published product with its offers, prices, stock states and freshest lot',
  request: { params: productParams },
  responses: {
    200: { description: 'The product', content: { 'application/json': { schema: publicProductPageSchema } } },
    ...notModified,
    ...problemResponses(400, 404),
  },
});

export function registerGetProduct(app: CatalogApp, deps: RouteDeps): void {
  app.openapi(getProductRoute, async (c) => {
    const product = await findPublicProduct(deps.ctx, c.req.valid('param').productId);
    if (!product) throw productNotFound();
    const photos = (await photosOf(deps.ctx.db, 'product', [product.id])).get(product.id) ?? [];
    return cacheableJson(c, { ...publicProductBody(product), photos: photos.map(photoResponse) });
  });
}
