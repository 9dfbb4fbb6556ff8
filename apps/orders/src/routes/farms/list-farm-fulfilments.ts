import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { farmFulfilmentListSchema } from '../../contract/public-shapes.ts';
import { listFarmFulfilments } from '../../domain/farm-fulfilments.ts';
import { farmRouteSecurity, type OrdersApp, type RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';
import { farmFulfilmentQuery } from './schema.ts';

export const listFarmFulfilmentsRoute = createRoute({
  method: 'get',
  path: '/v1/farms/{farmId}/fulfilments',
  tags: ['farmer'],
  summary: "The farm's paid fulfilments to pack, by dispatch date and status",
  ...farmRouteSecurity,
  request: { params: farmParams, query: farmFulfilmentQuery },
  responses: {
    200: { description: 'The fulfilments', content: { 'application/json': { schema: farmFulfilmentListSchema } } },
    ...problemResponses(400, 401, 404),
  },
});

export function registerListFarmFulfilments(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...listFarmFulfilmentsRoute, middleware: deps.farmAccess }, async (c) => {
    const query = c.req.valid('query');
    const items = await listFarmFulfilments(deps.ctx.db, c.req.valid('param').farmId, {
      ...(query.dispatchDate === undefined ? {} : { dispatchDate: query.dispatchDate }),
      ...(query.status === undefined ? {} : { status: query.status }),
    });
    c.header('cache-control', 'private, no-store');
    return c.json({ items }, 200);
  });
}
