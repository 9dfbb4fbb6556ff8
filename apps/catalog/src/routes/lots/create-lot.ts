import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { createLot } from '../../domain/lots.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { farmOfferParams } from '../params.ts';
import { lotBody, lotResponse, lotSchema } from './schema.ts';

export const createLotRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/offers/{offerId}/lots',
  tags: ['farmer'],
  summary: 'Publish a harvest lot of an offer',
  description:
    'All boxes start on hand. Emits HarvestBatchPublished, and StockLevelChanged if the offer comes back in stock.',
  ...farmRouteSecurity,
  request: {
    params: farmOfferParams,
    body: { required: true, content: { 'application/json': { schema: lotBody } } },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: lotSchema } } },
    ...problemResponses(400, 401, 404, 409),
  },
});

export function registerCreateLot(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...createLotRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, offerId } = c.req.valid('param');
    const lot = await createLot(deps.ctx, farmId, offerId, c.req.valid('json'));
    return c.json(lotResponse(lot), 201);
  });
}
