import { problemResponses, requireRole } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { listFarmerApplications } from '../../domain/farmer-applications.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { farmerApplicationBody } from '../farmer-applications/schema.ts';
import { adminRouteSecurity } from '../fields.ts';
import { farmerApplicationPageSchema, farmerApplicationsQuery } from './schema.ts';

export const listFarmerApplicationsRoute = createRoute({
  method: 'get',
  path: '/v1/admin/farmer-applications',
  tags: ['admin'],
  summary: 'Farmer applications: the review queue (pending, oldest first) or past decisions',
  description:
    'Without `status`, the applications waiting for review, oldest first. With `status=verified` or `status=rejected`, the decided ones, most recently decided first, with the farm id or the rejection reason.',
  ...adminRouteSecurity,
  request: { query: farmerApplicationsQuery },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: farmerApplicationPageSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerListFarmerApplications(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...listFarmerApplicationsRoute, middleware: [deps.signedIn, requireRole('admin')] }, async (c) => {
    const page = await listFarmerApplications(deps.ctx, c.req.valid('query'));
    c.header('cache-control', 'private, no-store');
    return c.json({ items: page.items.map(farmerApplicationBody), nextCursor: page.nextCursor }, 200);
  });
}
