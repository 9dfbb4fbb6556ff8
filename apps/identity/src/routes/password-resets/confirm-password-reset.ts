import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { confirmPasswordReset } from '../../domain/password-reset.ts';
import { tokenAndPasswordBody } from '../accounts/email-ownership-schema.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';

export const confirmPasswordResetRoute = createRoute({
  method: 'post',
  path: '/v1/password-resets/confirm',
  tags: ['accounts'],
  summary: 'Set a new password with the link from the reset mail',
  description:
    'The token from the reset mail (30 minutes, once). Every session of the account ends: refresh tokens stop working and access tokens are refused within a second. An unknown, used or expired token is a 400 on `token`.',
  request: {
    body: { required: true, content: { 'application/json': { schema: tokenAndPasswordBody('ConfirmPasswordReset') } } },
  },
  responses: { 204: { description: 'Password set; every session ended' }, ...problemResponses(400, 413) },
});

export function registerConfirmPasswordReset(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(confirmPasswordResetRoute, async (c) => {
    await confirmPasswordReset(deps.ctx, c.req.valid('json'));
    return c.body(null, 204);
  });
}
