import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { farmFulfilmentSchema } from '../../contract/public-shapes.ts';
import { startPacking } from '../../domain/farm-fulfilments.ts';
import { farmRouteSecurity, type OrdersApp, type RouteDeps } from '../deps.ts';
import { farmFulfilmentParams } from '../params.ts';
import { farmFulfilmentView } from './answer-fulfilment.ts';

export const startPackingRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/fulfilments/{fulfilmentId}/start-packing',
  tags: ['farmer'],
  summary: 'The farm starts packing: from now on a cancel is a request the farm decides',
  description: 'Serialized with the shopper’s cancel on the order’s row: one of the two wins. Twice is fine.',
  ...farmRouteSecurity,
  request: { params: farmFulfilmentParams },
  responses: {
    200: { description: 'Preparing', content: { 'application/json': { schema: farmFulfilmentSchema } } },
    ...problemResponses(400, 401, 404, 409),
  },
});

export function registerStartPacking(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...startPackingRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, fulfilmentId } = c.req.valid('param');
    await startPacking(deps.ctx, farmId, fulfilmentId);
    return c.json(await farmFulfilmentView(deps, farmId, fulfilmentId), 200);
  });
}
