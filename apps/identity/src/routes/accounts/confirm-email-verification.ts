import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { confirmEmailVerification } from '../../domain/email-verification.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { tokenAndPasswordBody } from './email-ownership-schema.ts';

export const confirmEmailVerificationRoute = createRoute({
  method: 'post',
  path: '/v1/email-verifications/confirm',
  tags: ['accounts'],
  summary: 'Prove the email with the link from our mail, and set the password',
  description:
    "The token from the verification mail (24 hours, once). The mailbox is proved, not the password typed at sign-up, which may have been someone else's: so a new password is required, and every session of the account ends. Sign in with the new password afterwards. An unknown, used or expired token is a 400 on `token`.",
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: tokenAndPasswordBody('ConfirmEmailVerification') } },
    },
  },
  responses: { 204: { description: 'Verified; every session ended' }, ...problemResponses(400, 413) },
});

export function registerConfirmEmailVerification(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(confirmEmailVerificationRoute, async (c) => {
    await confirmEmailVerification(deps.ctx, c.req.valid('json'));
    return c.body(null, 204);
  });
}
