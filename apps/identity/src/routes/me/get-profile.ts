import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { getProfile } from '../../domain/accounts.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signedInRouteSecurity } from '../fields.ts';
import { accountIdOf } from '../principal.ts';
import { profileBody, profileSchema } from './schema.ts';

export const getProfileRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  tags: ['profile'],
  summary: 'Your profile',
  ...signedInRouteSecurity,
  responses: {
    200: { description: 'The profile', content: { 'application/json': { schema: profileSchema } } },
    ...problemResponses(401, 403, 404),
  },
});

export function registerGetProfile(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...getProfileRoute, middleware: [deps.signedIn] }, async (c) => {
    const profile = await getProfile(deps.ctx, accountIdOf(c));
    c.header('cache-control', 'private, no-store');
    return c.json(profileBody(profile), 200);
  });
}
