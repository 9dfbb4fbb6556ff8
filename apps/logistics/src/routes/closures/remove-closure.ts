import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { closureRemovedSchema } from '../../contract/closures.ts';
import { removeClosure } from '../../domain/closures.ts';
import { adminRouteSecurity, type LogisticsApp, type RouteDeps } from '../deps.ts';
import { closureParams } from './schema.ts';

export const removeClosureRoute = createRoute({
  method: 'delete',
  path: '/v1/admin/closures/{closureId}',
  tags: ['admin'],
  summary: 'Reopen closed days',
  ...adminRouteSecurity,
  request: { params: closureParams },
  responses: {
    200: {
      description: 'Removed',
      content: { 'application/json': { schema: closureRemovedSchema } },
    },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function registerRemoveClosure(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...removeClosureRoute, middleware: deps.adminOnly }, async (c) => {
    await removeClosure(deps.ctx, c.req.valid('param').closureId);
    return c.json({ removed: true as const }, 200);
  });
}
