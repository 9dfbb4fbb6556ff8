import { principalOf, problemResponses, requireRole } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { farmerApplicationSchema } from '../../contract/farmer-applications.ts';
import { verifyFarmerApplication } from '../../domain/farmer-verification.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { farmerApplicationBody } from '../farmer-applications/schema.ts';
import { adminRouteSecurity } from '../fields.ts';
import { applicationParams } from './schema.ts';

export const verifyFarmerApplicationRoute = createRoute({
  method: 'post',
  path: '/v1/admin/farmer-applications/{applicationId}/verify',
  tags: ['admin'],
  summary: 'Verify a farmer application',
  description:
    "Creates the farm, makes the applicant a farmer of it and publishes FarmerVerified. The applicant's current access tokens stop working so the next refresh carries the new role. Nobody can decide on their own application.",
  ...adminRouteSecurity,
  request: { params: applicationParams },
  responses: {
    200: {
      description: 'Verified; `farmId` is the new farm',
      content: { 'application/json': { schema: farmerApplicationSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerVerifyFarmerApplication(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...verifyFarmerApplicationRoute, middleware: [deps.signedIn, requireRole('admin')] }, async (c) => {
    const application = await verifyFarmerApplication(
      deps.ctx,
      principalOf(c).subject,
      c.req.valid('param').applicationId,
    );
    return c.json(farmerApplicationBody(application), 200);
  });
}
