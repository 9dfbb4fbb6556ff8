import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { listDispatchShipments, packingByProduct } from '../../domain/shipments/packing-list.ts';
import { farmRouteSecurity, type LogisticsApp, type RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';
import { byOrderBody, dispatchDateQuery, packingListSchema } from './schema.ts';

export const getPackingListRoute = createRoute({
  method: 'get',
  path: '/v1/farms/{farmId}/packing-list',
  tags: ['farmer'],
  summary: 'What to pack on a dispatch date: by product and lot, and by order',
  ...farmRouteSecurity,
  request: { params: farmParams, query: dispatchDateQuery },
  responses: {
    200: { description: 'The packing list', content: { 'application/json': { schema: packingListSchema } } },
    ...problemResponses(400, 401, 404),
  },
});

export function registerGetPackingList(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...getPackingListRoute, middleware: deps.farmAccess }, async (c) => {
    const { dispatchDate } = c.req.valid('query');
    const list = await listDispatchShipments(deps.ctx, c.req.valid('param').farmId, dispatchDate);
    return c.json(
      {
        dispatchDate,
        boxes: list.reduce((sum, shipment) => sum + shipment.boxes, 0),
        byProduct: packingByProduct(list),
        byOrder: list.map(byOrderBody),
      },
      200,
    );
  });
}
