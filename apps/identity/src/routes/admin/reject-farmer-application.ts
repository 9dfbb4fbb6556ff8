import { principalOf, problemResponses, requireRole } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { farmerApplicationSchema } from '../../contract/farmer-applications.ts';
import { rejectFarmerApplication } from '../../domain/farmer-verification.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { farmerApplicationBody } from '../farmer-applications/schema.ts';
import { adminRouteSecurity } from '../fields.ts';
import { applicationParams, rejectApplicationBody } from './schema.ts';

export const rejectFarmerApplicationRoute = createRoute({
  method: 'post',
  path: '/v1/admin/farmer-applications/{applicationId}/reject',
  tags: ['admin'],
  summary: 'Reject a farmer application with a reason the applicant will read',
  ...adminRouteSecurity,
  request: {
    params: applicationParams,
    body: { required: true, content: { 'application/json': { schema: rejectApplicationBody } } },
  },
  responses: {
    200: { description: 'Rejected', content: { 'application/json': { schema: farmerApplicationSchema } } },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerRejectFarmerApplication(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...rejectFarmerApplicationRoute, middleware: [deps.signedIn, requireRole('admin')] }, async (c) => {
    const application = await rejectFarmerApplication(
      deps.ctx,
      principalOf(c).subject,
      c.req.valid('param').applicationId,
      c.req.valid('json').reason,
    );
    return c.json(farmerApplicationBody(application), 200);
  });
}
