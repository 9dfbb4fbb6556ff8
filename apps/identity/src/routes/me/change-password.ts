import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { changePassword } from '../../domain/password-change.ts';
import { changePasswordBody } from '../accounts/email-ownership-schema.ts';
import { clientAddress } from '../client-address.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signedInRouteSecurity } from '../fields.ts';
import { accountIdOf } from '../principal.ts';
import { NO_STORE, sessionTokensBody, sessionTokensSchema } from '../sessions/schema.ts';

export const changePasswordRoute = createRoute({
  method: 'post',
  path: '/v1/me/password',
  tags: ['me'],
  summary: 'Change my password',
  description:
    'Needs the current password (400 `wrong_current_password` naming `currentPassword`; attempts count against the login throttle). Every session ends, this one included, and a new session is returned for this device.',
  ...signedInRouteSecurity,
  request: { body: { required: true, content: { 'application/json': { schema: changePasswordBody } } } },
  responses: {
    200: { description: 'Changed; a new session', content: { 'application/json': { schema: sessionTokensSchema } } },
    ...problemResponses(400, 401, 403, 413, 429),
  },
});

export function registerChangePassword(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...changePasswordRoute, middleware: [deps.signedIn] }, async (c) => {
    const body = c.req.valid('json');
    const tokens = await changePassword(deps.ctx, {
      accountId: accountIdOf(c),
      ...body,
      ip: clientAddress(c, deps.trustedProxyHops),
    });
    return c.json(sessionTokensBody(tokens, deps.ctx.clock.now()), 200, NO_STORE);
  });
}
