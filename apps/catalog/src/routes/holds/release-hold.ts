import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { releaseHold } from '../../domain/settle-hold.ts';
import { type CatalogApp, type RouteDeps, serviceRouteSecurity } from '../deps.ts';
import { holdParams } from '../params.ts';
import { holdResponse, holdSchema } from './schema.ts';

export const releaseHoldRoute = createRoute({
  method: 'post',
  path: '/internal/v1/holds/{holdId}/release',
  tags: ['internal'],
  summary: 'Release a hold: its boxes go back on sale',
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

export function registerReleaseHold(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...releaseHoldRoute, middleware: deps.serviceOnly }, async (c) => {
    const hold = await releaseHold(deps.ctx, c.req.valid('param').holdId);
    return c.json(holdResponse(hold), 200);
  });
}
