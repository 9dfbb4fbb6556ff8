import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { createOffer } from '../../domain/offers.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { farmProductParams } from '../params.ts';
import { offerBody, offerResponse, offerSchema } from './schema.ts';

export const createOfferRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/products/{productId}/offers',
  tags: ['farmer'],
  summary: 'Add an offer: the product in one grade and pack, at a price',
  ...farmRouteSecurity,
  request: {
    params: farmProductParams,
    body: { required: true, content: { 'application/json': { schema: offerBody } } },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: offerSchema } } },
    ...problemResponses(400, 401, 404, 409),
  },
});

export function registerCreateOffer(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...createOfferRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, productId } = c.req.valid('param');
    const offer = await createOffer(deps.ctx, farmId, productId, c.req.valid('json'));
    return c.json(offerResponse(offer), 201);
  });
}
