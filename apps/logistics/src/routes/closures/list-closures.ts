import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { listClosures } from '../../domain/closures.ts';
import { adminRouteSecurity, type LogisticsApp, type RouteDeps } from '../deps.ts';
import { closureListSchema, closureResponse } from './schema.ts';

export const listClosuresRoute = createRoute({
  method: 'get',
  path: '/v1/admin/closures',
  tags: ['admin'],
  summary: 'Closed days that still lie ahead (admins)',
  ...adminRouteSecurity,
  responses: {
    200: { description: 'The closures', content: { 'application/json': { schema: closureListSchema } } },
    ...problemResponses(401, 403),
  },
});

export function registerListClosures(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...listClosuresRoute, middleware: deps.adminOnly }, async (c) =>
    c.json({ items: (await listClosures(deps.ctx)).map(closureResponse) }, 200),
  );
}
