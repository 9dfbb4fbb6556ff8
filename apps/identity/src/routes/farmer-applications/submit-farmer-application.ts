import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { farmerApplicationSchema } from '../../contract/farmer-applications.ts';
import { submitFarmerApplication } from '../../domain/farmer-applications.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signedInRouteSecurity } from '../fields.ts';
import { accountIdOf } from '../principal.ts';
import { farmerApplicationBody, submitApplicationBody } from './schema.ts';

export const submitFarmerApplicationRoute = createRoute({
  method: 'post',
  path: '/v1/farmer-applications',
  tags: ['farmer applications'],
  summary: 'Apply to sell as a farmer',
  description:
    'Files the farm for review by an admin. One application may be pending at a time; a verified farmer asks an admin to link further farms instead.',
  ...signedInRouteSecurity,
  request: { body: { required: true, content: { 'application/json': { schema: submitApplicationBody } } } },
  responses: {
    201: { description: 'Filed, pending review', content: { 'application/json': { schema: farmerApplicationSchema } } },
    ...problemResponses(400, 401, 403, 409),
  },
});

export function registerSubmitFarmerApplication(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...submitFarmerApplicationRoute, middleware: [deps.signedIn] }, async (c) => {
    const application = await submitFarmerApplication(deps.ctx, accountIdOf(c), c.req.valid('json'));
    return c.json(farmerApplicationBody(application), 201);
  });
}
