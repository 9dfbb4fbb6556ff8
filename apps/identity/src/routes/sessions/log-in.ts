import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { logIn } from '../../domain/login.ts';
import { clientAddress } from '../client-address.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { mfaChallengeBody, mfaChallengeSchema } from '../mfa/schema.ts';
import { logInBody, NO_STORE, sessionTokensBody, sessionTokensSchema } from './schema.ts';

export const logInRoute = createRoute({
  method: 'post',
  path: '/v1/sessions',
  tags: ['sessions'],
  summary: 'Log in with email and password',
  description:
    'Starts a session: a 15-minute access token and a 7-day refresh token. A wrong password and an unknown email get the same 401 (`invalid_credentials`). Repeated failures per email and per address are slowed down with a temporary lock (429 with Retry-After). An admin gets no session here but an MFA challenge: `mfa: required` (finish at POST /v1/sessions/mfa with a code) or `mfa: enrolment_required` (enrol an authenticator at POST /v1/me/mfa/totp first).',
  request: { body: { required: true, content: { 'application/json': { schema: logInBody } } } },
  responses: {
    200: {
      description: 'Signed in, or (admins) the second step',
      content: { 'application/json': { schema: z.union([sessionTokensSchema, mfaChallengeSchema]) } },
    },
    ...problemResponses(400, 401, 403, 429),
  },
});

export function registerLogIn(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(logInRoute, async (c) => {
    const { email, password } = c.req.valid('json');
    const outcome = await logIn(deps.ctx, { email, password, ip: clientAddress(c, deps.trustedProxyHops) });
    if (outcome.kind === 'second_factor') return c.json(mfaChallengeBody(outcome.challenge), 200, NO_STORE);
    return c.json(sessionTokensBody(outcome.tokens, deps.ctx.clock.now()), 200, NO_STORE);
  });
}
