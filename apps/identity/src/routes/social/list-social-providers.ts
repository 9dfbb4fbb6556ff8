import { createRoute } from '@hono/zod-openapi';
import type { IdentityApp, RouteDeps } from '../deps.ts';
import { socialProvidersSchema } from './schema.ts';

const labels = { kakao: '카카오', naver: '네이버' } as const;

export const listSocialProvidersRoute = createRoute({
  method: 'get',
  path: '/v1/social/providers',
  tags: ['social login'],
  summary: 'List the social login providers this deployment offers',
  description:
    'The storefront shows a button for each listed provider and none when the list is empty (no provider has credentials here).',
  responses: {
    200: {
      description: 'The configured providers',
      content: { 'application/json': { schema: socialProvidersSchema } },
    },
  },
});

export function registerListSocialProviders(app: IdentityApp, deps: RouteDeps): void {
  app.openapi(listSocialProvidersRoute, (c) => {
    const providers = deps.social.list().map((provider) => ({
      id: provider.name,
      name: labels[provider.name],
      startUrl: deps.social.publicUrl(`/v1/social/${provider.name}/start`),
    }));
    // Configuration only changes with a deployment: let the edge and browsers keep it a while.
    return c.json({ providers }, 200, { 'cache-control': 'public, max-age=300' });
  });
}
