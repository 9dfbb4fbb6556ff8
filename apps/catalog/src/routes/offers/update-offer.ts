import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { updateOffer } from '../../domain/offers.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { farmOfferParams } from '../params.ts';
import { offerPatch, offerResponse, offerSchema } from './schema.ts';

export const updateOfferRoute = createRoute({
  method: 'patch',
  path: '/v1/farms/{farmId}/offers/{offerId}',
  tags: ['farmer'],
  summary: 'Change an offer',
  description: 'A new price emits OfferPriceChanged with the previous and the new price.',
  ...farmRouteSecurity,
  request: {
    params: farmOfferParams,
    body: { required: true, content: { 'application/json': { schema: offerPatch } } },
  },
  responses: {
    200: { description: 'Changed', content: { 'application/json': { schema: offerSchema } } },
    ...problemResponses(400, 401, 404, 409),
  },
});

export function registerUpdateOffer(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...updateOfferRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, offerId } = c.req.valid('param');
    const offer = await updateOffer(deps.ctx, farmId, offerId, c.req.valid('json'));
    return c.json(offerResponse(offer), 200);
  });
}
