import { principalOf, problemResponses, requireRole } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { linkFarm } from '../../domain/account-admin.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { adminRouteSecurity } from '../fields.ts';
import { accountParams, linkedFarmsSchema, linkFarmBody } from './schema.ts';

export const linkFarmRoute = createRoute({
  method: 'post',
  path: '/v1/admin/accounts/{accountId}/farms',
  tags: ['admin'],
  summary: 'Let a verified farmer manage one more existing farm',
  ...adminRouteSecurity,
  request: {
    params: accountParams,
    body: { required: true, content: { 'application/json': { schema: linkFarmBody } } },
  },
  responses: {
    200: { description: "The farmer's farms", content: { 'application/json': { schema: linkedFarmsSchema } } },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerLinkFarm(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...linkFarmRoute, middleware: [deps.signedIn, requireRole('admin')] }, async (c) => {
    const linked = await linkFarm(
      deps.ctx,
      principalOf(c).subject,
      c.req.valid('param').accountId,
      c.req.valid('json').farmId,
    );
    return c.json(linked, 200);
  });
}
