import { principalOf, problemResponses, requireRole } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { disableAccount } from '../../domain/account-admin.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { adminRouteSecurity } from '../fields.ts';
import { accountParams, accountStatusBody, accountStatusSchema, disableAccountBody } from './schema.ts';

export const disableAccountRoute = createRoute({
  method: 'post',
  path: '/v1/admin/accounts/{accountId}/disable',
  tags: ['admin'],
  summary: 'Disable an account',
  description:
    'The account can no longer log in or refresh, all its sessions end, and its live access tokens are refused by every service from the next request. Publishes AccountDisabled. The last active admin cannot be disabled (409 `last_active_admin`), not even by two admins disabling each other at once.',
  ...adminRouteSecurity,
  request: {
    params: accountParams,
    body: { required: false, content: { 'application/json': { schema: disableAccountBody } } },
  },
  responses: {
    200: { description: 'Disabled', content: { 'application/json': { schema: accountStatusSchema } } },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerDisableAccount(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...disableAccountRoute, middleware: [deps.signedIn, requireRole('admin')] }, async (c) => {
    const view = await disableAccount(
      deps.ctx,
      principalOf(c).subject,
      c.req.valid('param').accountId,
      c.req.valid('json')?.reason,
    );
    return c.json(accountStatusBody(view), 200);
  });
}
