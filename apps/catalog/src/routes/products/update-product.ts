import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { updateProduct } from '../../domain/products.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { farmProductParams } from '../params.ts';
import { farmProductBody, farmProductSchema, productPatch } from './schema.ts';

export const updateProductRoute = createRoute({
  method: 'patch',
  path: '/v1/farms/{farmId}/products/{productId}',
  tags: ['farmer'],
  summary: 'Change a product',
  description: 'Publishing an unpublished product emits ProductPublished.',
  ...farmRouteSecurity,
  request: {
    params: farmProductParams,
    body: { required: true, content: { 'application/json': { schema: productPatch } } },
  },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: farmProductSchema } } },
    ...problemResponses(400, 401, 404, 409),
  },
});

export function registerUpdateProduct(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...updateProductRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, productId } = c.req.valid('param');
    const product = await updateProduct(deps.ctx, farmId, productId, c.req.valid('json'));
    return c.json(farmProductBody(product), 200);
  });
}
