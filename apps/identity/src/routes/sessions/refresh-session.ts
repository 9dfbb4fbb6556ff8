import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { rotateRefreshToken } from '../../domain/sessions.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { NO_STORE, refreshBody, sessionTokensBody, sessionTokensSchema } from './schema.ts';

export const refreshSessionRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/refresh',
  tags: ['sessions'],
  summary: 'Trade a refresh token for a new token pair',
  description:
    'Every refresh token works once. Of concurrent refreshes with one token exactly one succeeds; the others get 409 (`refresh_token_just_used`) and should use the tokens the winner received. Presenting a used token later ends the whole session (it must have been copied). Send refreshes one at a time.',
  request: { body: { required: true, content: { 'application/json': { schema: refreshBody } } } },
  responses: {
    200: { description: 'A new token pair', content: { 'application/json': { schema: sessionTokensSchema } } },
    ...problemResponses(400, 401, 409),
  },
});

export function registerRefreshSession(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(refreshSessionRoute, async (c) => {
    const tokens = await rotateRefreshToken(deps.ctx, c.req.valid('json').refreshToken);
    return c.json(sessionTokensBody(tokens, deps.ctx.clock.now()), 200, NO_STORE);
  });
}
