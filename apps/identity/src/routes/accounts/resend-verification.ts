import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { normaliseEmail } from '../../domain/email.ts';
import { resendVerification } from '../../domain/email-verification.ts';
import { clientAddress } from '../client-address.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { emailOnlyBody, MAIL_ACCEPTED, mailAcceptedSchema } from './email-ownership-schema.ts';

export const resendVerificationRoute = createRoute({
  method: 'post',
  path: '/v1/email-verifications',
  tags: ['accounts'],
  summary: 'Send the email verification mail again',
  description:
    'Always 202 with the same body, answered before any account is looked up: neither the answer nor its timing tells whether the email has an account. A mail goes out only to an unverified account, and at most a few per mailbox per hour. Requests per address are limited (429).',
  request: {
    body: { required: true, content: { 'application/json': { schema: emailOnlyBody('ResendVerification') } } },
  },
  responses: {
    202: { description: 'Accepted', content: { 'application/json': { schema: mailAcceptedSchema } } },
    ...problemResponses(400, 413, 429),
  },
});

export function registerResendVerification(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(resendVerificationRoute, async (c) => {
    await deps.ctx.mailThrottle.countRequest(clientAddress(c, deps.trustedProxyHops));
    const email = normaliseEmail(c.req.valid('json').email);
    deps.ctx.tasks.run('resend verification', () => resendVerification(deps.ctx, email));
    return c.json(MAIL_ACCEPTED, 202);
  });
}
