import { problemResponses, requireRole } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { listFarms } from '../../domain/farms.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { adminRouteSecurity } from '../fields.ts';
import { farmBody, farmPageSchema, farmsQuery } from './schema.ts';

export const listFarmsRoute = createRoute({
  method: 'get',
  path: '/v1/admin/farms',
  tags: ['admin'],
  summary: 'Farms identity knows, newest first, with the accounts that manage them',
  description:
    "Every farm created by verifying an application, with each managing account's email, name and whether it is disabled. No phone or bank details. Search with `q` (farm name or manager email).",
  ...adminRouteSecurity,
  request: { query: farmsQuery },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: farmPageSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerListFarms(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...listFarmsRoute, middleware: [deps.signedIn, requireRole('admin')] }, async (c) => {
    const page = await listFarms(deps.ctx, c.req.valid('query'));
    c.header('cache-control', 'private, no-store');
    return c.json({ items: page.items.map(farmBody), nextCursor: page.nextCursor }, 200);
  });
}
