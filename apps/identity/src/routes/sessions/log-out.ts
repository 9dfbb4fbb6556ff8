import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { endSession } from '../../domain/sessions.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { logOutBody } from './schema.ts';

export const logOutRoute = createRoute({
  method: 'post',
  path: '/v1/sessions/logout',
  tags: ['sessions'],
  summary: 'Log out of this session',
  description:
    'Ends the session the refresh token belongs to and revokes every access token it issued that is still alive. Only the refresh token counts: an Authorization header is ignored, so a client whose access token already expired can still log out. Answers 204 even for an unknown token.',
  request: { body: { required: true, content: { 'application/json': { schema: logOutBody } } } },
  responses: { 204: { description: 'Logged out' }, ...problemResponses(400) },
});

export function registerLogOut(app: IdentityApp, deps: RouteDeps): void {
  // No sign-in middleware: an expired or stale access token sent along must not stop a logout.
  app.openapi(logOutRoute, async (c) => {
    await endSession(deps.ctx, c.req.valid('json').refreshToken);
    return c.body(null, 204);
  });
}
