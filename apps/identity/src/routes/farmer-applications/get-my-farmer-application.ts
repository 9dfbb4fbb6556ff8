import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { farmerApplicationSchema } from '../../contract/farmer-applications.ts';
import { getLatestFarmerApplication } from '../../domain/farmer-applications.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signedInRouteSecurity } from '../fields.ts';
import { accountIdOf } from '../principal.ts';
import { farmerApplicationBody } from './schema.ts';

export const getMyFarmerApplicationRoute = createRoute({
  method: 'get',
  path: '/v1/me/farmer-application',
  tags: ['farmer applications'],
  summary: 'Your latest farmer application: its status and, if rejected, why',
  ...signedInRouteSecurity,
  responses: {
    200: { description: 'The application', content: { 'application/json': { schema: farmerApplicationSchema } } },
    ...problemResponses(401, 403, 404),
  },
});

export function registerGetMyFarmerApplication(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...getMyFarmerApplicationRoute, middleware: [deps.signedIn] }, async (c) => {
    const application = await getLatestFarmerApplication(deps.ctx, accountIdOf(c));
    c.header('cache-control', 'private, no-store');
    return c.json(farmerApplicationBody(application), 200);
  });
}
