import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { createProduct } from '../../domain/products.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';
import { farmProductBody, farmProductSchema, productBody } from './schema.ts';

export const createProductRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/products',
  tags: ['farmer'],
  summary: 'Add a product (a fruit and variety) to a farm',
  description: 'Publishing it (`published: true`) emits ProductPublished. Farmers may only use their own farm id.',
  ...farmRouteSecurity,
  request: {
    params: farmParams,
    body: { required: true, content: { 'application/json': { schema: productBody } } },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: farmProductSchema } } },
    ...problemResponses(400, 401, 404, 409),
  },
});

export function registerCreateProduct(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...createProductRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId } = c.req.valid('param');
    const product = await createProduct(deps.ctx, farmId, c.req.valid('json'));
    return c.json(farmProductBody(product), 201);
  });
}
