import { problemResponses, requireRole } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { enableAccount } from '../../domain/account-admin.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { adminRouteSecurity } from '../fields.ts';
import { accountParams, accountStatusBody, accountStatusSchema } from './schema.ts';

export const enableAccountRoute = createRoute({
  method: 'post',
  path: '/v1/admin/accounts/{accountId}/enable',
  tags: ['admin'],
  summary: 'Enable a disabled account',
  description: 'The person can log in again; sessions ended by the disable stay ended.',
  ...adminRouteSecurity,
  request: { params: accountParams },
  responses: {
    200: { description: 'Enabled', content: { 'application/json': { schema: accountStatusSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function registerEnableAccount(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...enableAccountRoute, middleware: [deps.signedIn, requireRole('admin')] }, async (c) => {
    const view = await enableAccount(deps.ctx, c.req.valid('param').accountId);
    return c.json(accountStatusBody(view), 200);
  });
}
