import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { confirmHold } from '../../domain/settle-hold.ts';
import { type CatalogApp, type RouteDeps, serviceRouteSecurity } from '../deps.ts';
import { holdParams } from '../params.ts';
import { holdResponse, holdSchema } from './schema.ts';

export const confirmHoldRoute = createRoute({
  method: 'post',
  path: '/internal/v1/holds/{holdId}/confirm',
  tags: ['internal'],
  summary: 'Confirm a paid hold: its boxes become sold, lot ids stay on the lines',
  ...serviceRouteSecurity,
  request: { params: holdParams },
  responses: {
    200: {
      description: 'Done (also when it was already done)',
      content: { 'application/json': { schema: holdSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerConfirmHold(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...confirmHoldRoute, middleware: deps.serviceOnly }, async (c) => {
    const hold = await confirmHold(deps.ctx, c.req.valid('param').holdId);
    return c.json(holdResponse(hold), 200);
  });
}
