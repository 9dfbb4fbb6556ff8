import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { normaliseEmail } from '../../domain/email.ts';
import { mailPasswordReset } from '../../domain/password-reset.ts';
import { emailOnlyBody, MAIL_ACCEPTED, mailAcceptedSchema } from '../accounts/email-ownership-schema.ts';
import { clientAddress } from '../client-address.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';

export const requestPasswordResetRoute = createRoute({
  method: 'post',
  path: '/v1/password-resets',
  tags: ['accounts'],
  summary: 'Mail a password reset link',
  description:
    'Always 202 with the same body, answered before any account is looked up, so neither the answer nor its timing says whether the email has an account. The link works once, for 30 minutes. Requests per address are limited (429); mails per mailbox are capped silently.',
  request: {
    body: { required: true, content: { 'application/json': { schema: emailOnlyBody('RequestPasswordReset') } } },
  },
  responses: {
    202: { description: 'Accepted', content: { 'application/json': { schema: mailAcceptedSchema } } },
    ...problemResponses(400, 413, 429),
  },
});

export function registerRequestPasswordReset(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(requestPasswordResetRoute, async (c) => {
    await deps.ctx.mailThrottle.countRequest(clientAddress(c, deps.trustedProxyHops));
    const email = normaliseEmail(c.req.valid('json').email);
    deps.ctx.tasks.run('password reset mail', () => mailPasswordReset(deps.ctx, email));
    return c.json(MAIL_ACCEPTED, 202);
  });
}
