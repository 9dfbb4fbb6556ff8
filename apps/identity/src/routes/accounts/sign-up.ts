import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { registerShopper } from '../../domain/accounts.ts';
import { clientAddress } from '../client-address.ts';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { signUpAcceptedSchema, signUpBody } from './schema.ts';

export const signUpRoute = createRoute({
  method: 'post',
  path: '/v1/accounts',
  tags: ['accounts'],
  summary: 'Sign up as a shopper',
  description:
    'Always answers 202 with the same body, whether or not the email already has an account, so the endpoint cannot be used to find out who shops here. Roles cannot be chosen: every sign-up is a shopper. Sign-ups per address are limited (429 with Retry-After).',
  request: { body: { required: true, content: { 'application/json': { schema: signUpBody } } } },
  responses: {
    202: { description: 'Accepted', content: { 'application/json': { schema: signUpAcceptedSchema } } },
    ...problemResponses(400, 413, 429),
  },
});

const ACCEPTED = {
  status: 'accepted' as const,
  detail: 'If this email can be used, the account is ready: sign in with it.',
};

export function registerSignUp(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(signUpRoute, async (c) => {
    const input = { ...c.req.valid('json'), ip: clientAddress(c, deps.trustedProxyHops) };
    const { created } = await registerShopper(deps.ctx, input);
    c.get('logger').info({ created }, 'sign-up handled');
    return c.json(ACCEPTED, 202);
  });
}
