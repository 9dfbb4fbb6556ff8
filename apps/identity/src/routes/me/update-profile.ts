import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { updateProfile } from '../../domain/accounts.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signedInRouteSecurity } from '../fields.ts';
import { accountIdOf } from '../principal.ts';
import { profileBody, profileSchema, updateProfileBody } from './schema.ts';

export const updateProfileRoute = createRoute({
  method: 'patch',
  path: '/v1/me',
  tags: ['profile'],
  summary: 'Change your display name or mobile number',
  description: 'Send only what changes; `mobile: null` removes the number. Any other field is refused with 400.',
  ...signedInRouteSecurity,
  request: { body: { required: true, content: { 'application/json': { schema: updateProfileBody } } } },
  responses: {
    200: { description: 'The updated profile', content: { 'application/json': { schema: profileSchema } } },
    ...problemResponses(400, 401, 403, 404),
  },
});

export function registerUpdateProfile(app: IdentityApp, deps: RouteDeps): void {
  app.openapi({ ...updateProfileRoute, middleware: [deps.signedIn] }, async (c) => {
    const profile = await updateProfile(deps.ctx, accountIdOf(c), c.req.valid('json'));
    return c.json(profileBody(profile), 200);
  });
}
