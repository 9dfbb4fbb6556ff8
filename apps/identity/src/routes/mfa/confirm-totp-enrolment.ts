import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { confirmTotpEnrolment } from '../../domain/mfa-enrolment.ts';
import { clientAddress } from '../client-address.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { NO_STORE, sessionTokensBody, sessionTokensSchema } from '../sessions/schema.ts';
import { confirmTotpEnrolmentBody } from './schema.ts';

const confirmedTotpSchema = z
  .object({
    /** Ten one-time codes, shown this once: identity keeps only their digests. */
    recoveryCodes: z.array(z.string()),
    session: sessionTokensSchema,
  })
  .openapi('ConfirmedTotp');

export const confirmTotpEnrolmentRoute = createRoute({
  method: 'post',
  path: '/v1/me/mfa/totp/confirm',
  tags: ['mfa'],
  summary: 'Activate the authenticator with its first code',
  description:
    'The enrolment challenge and the current code from the new authenticator. Activates it, returns ten one-time recovery codes (shown once) and signs the admin in: the password and a code were both just proved. That code is spent; the next log-in needs a later one.',
  request: { body: { required: true, content: { 'application/json': { schema: confirmTotpEnrolmentBody } } } },
  responses: {
    200: { description: 'Enrolled and signed in', content: { 'application/json': { schema: confirmedTotpSchema } } },
    ...problemResponses(400, 401, 403, 409, 429),
  },
});

export function registerConfirmTotpEnrolment(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(confirmTotpEnrolmentRoute, async (c) => {
    const { challenge, code } = c.req.valid('json');
    const confirmed = await confirmTotpEnrolment(deps.ctx, {
      challenge,
      code,
      ip: clientAddress(c, deps.trustedProxyHops),
    });
    return c.json(
      {
        recoveryCodes: confirmed.recoveryCodes,
        session: sessionTokensBody(confirmed.session, deps.ctx.clock.now()),
      },
      200,
      NO_STORE,
    );
  });
}
