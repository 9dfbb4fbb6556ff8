import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { productNotFound } from '../../domain/errors.ts';
import { photosOf } from '../../domain/photo-reads.ts';
import { findPublicProduct } from '../../domain/product-list.ts';
import { cacheableJson, notModified } from '../cacheable.ts';
import type { CatalogApp, RouteDeps } from '../deps.ts';
import { productParams } from '../params.ts';
import { photoResponse, photoSchema } from '../photos/schema.ts';
import { publicProductBody, publicProductSchema } from './public-schema.ts';

/** The product page: the list's product shape plus the product's photos. */
const productPageSchema = publicProductSchema.extend({ photos: z.array(photoSchema) }).openapi('PublicProductPage');

export const getProductRoute = createRoute({
  method: 'get',
  path: '/v1/products/{productId}',
  tags: ['catalog'],
  summary: 'A published product with its offers, prices, stock states and freshest lot',
  request: { params: productParams },
  responses: {
    200: { description: 'The product', content: { 'application/json': { schema: productPageSchema } } },
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
