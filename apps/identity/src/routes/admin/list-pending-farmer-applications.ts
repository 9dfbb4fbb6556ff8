import { problemResponses, requireRole } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { listPendingFarmerApplications } from '../../domain/farmer-applications.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { farmerApplicationBody } from '../farmer-applications/schema.ts';
import { securedByBearer } from '../fields.ts';
import { pendingApplicationsQuery, pendingApplicationsSchema } from './schema.ts';

export const listPendingFarmerApplicationsRoute = createRoute({
  method: 'get',
  path: '/v1/admin/farmer-applications',
  tags: ['admin'],
  summary: 'Farmer applications waiting for review, oldest first',
  security: securedByBearer,
  request: { query: pendingApplicationsQuery },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: pendingApplicationsSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerListPendingFarmerApplications(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(
    { ...listPendingFarmerApplicationsRoute, middleware: [deps.signedIn, requireRole('admin')] },
    async (c) => {
      const page = await listPendingFarmerApplications(deps.ctx, c.req.valid('query'));
      c.header('cache-control', 'private, no-store');
      return c.json({ items: page.items.map(farmerApplicationBody), nextCursor: page.nextCursor }, 200);
    },
  );
}
