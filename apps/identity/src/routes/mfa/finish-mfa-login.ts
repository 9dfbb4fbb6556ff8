import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { finishMfaLogin, type SecondFactorProof } from '../../domain/mfa-login.ts';
import { clientAddress } from '../client-address.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { NO_STORE, sessionTokensBody, sessionTokensSchema } from '../sessions/schema.ts';
import { finishMfaLoginBody } from './schema.ts';

export const finishMfaLoginRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/mfa',
  tags: ['sessions'],
  summary: "Finish an admin's log-in with an authenticator or recovery code",
  description:
    'The second step after POST /v1/sessions answered `mfa: required`: the challenge plus the current 6-digit TOTP code or one unused recovery code. A code works once (a replay, even within its 30-second window, is refused), a recovery code once ever. A wrong code is 401 `invalid_mfa_code`; after a few the challenge is spent (401 `invalid_mfa_challenge`, log in again) and repeated failures lock the account at that address for a while (429).',
  request: { body: { required: true, content: { 'application/json': { schema: finishMfaLoginBody } } } },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: sessionTokensSchema } } },
    ...problemResponses(400, 401, 403, 429),
  },
});

export function registerFinishMfaLogin(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(finishMfaLoginRoute, async (c) => {
    const body = c.req.valid('json');
    const proof: SecondFactorProof =
      body.code !== undefined ? { code: body.code } : { recoveryCode: body.recoveryCode ?? '' };
    const tokens = await finishMfaLogin(deps.ctx, {
      challenge: body.challenge,
      proof,
      ip: clientAddress(c, deps.trustedProxyHops),
    });
    return c.json(sessionTokensBody(tokens, deps.ctx.clock.now()), 200, NO_STORE);
  });
}
