import { problemResponses, serviceTokenSecurity } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { HOLDS_SCOPE, holdExtensionBody } from '../../contract/internal-holds.ts';
import { extendHold } from '../../domain/extend-hold.ts';
import type { CatalogApp, RouteDeps } from '../deps.ts';
import { holdParams } from '../params.ts';
import { holdResponse, holdSchema } from './schema.ts';

export const extendHoldRoute = createRoute({
  method: 'post',
  path: '/internal/v1/holds/{holdId}/extend',
  tags: ['internal'],
  summary: 'Keep a live hold longer (a virtual account waiting for its deposit)',
  description:
    'Never shortens a hold; at most 7 days ahead. 409 `hold_expired` past its TTL, `hold_not_live` once released.',
  // What the internal-route guard enforces: a service token for catalog with this scope.
  security: serviceTokenSecurity(HOLDS_SCOPE),
  request: {
    params: holdParams,
    body: { required: true, content: { 'application/json': { schema: holdExtensionBody } } },
  },
  responses: {
    200: {
      description: 'Kept until the later of both expiries',
      content: { 'application/json': { schema: holdSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerExtendHold(app: CatalogApp, deps: RouteDeps): void {
  app.openapi(extendHoldRoute, async (c) => {
    const hold = await extendHold(deps.ctx, c.req.valid('param').holdId, new Date(c.req.valid('json').expiresAt));
    return c.json(holdResponse(hold), 200);
  });
}
