import { problemResponses, serviceTokenSecurity } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { HOLDS_SCOPE } from '../../contract/internal-holds.ts';
import { returnConfirmedBoxes } from '../../domain/return-boxes.ts';
import type { CatalogApp, RouteDeps } from '../deps.ts';
import { holdParams } from '../params.ts';
import { holdHeaders, holdReturnBody, holdReturnResponse, holdReturnSchema } from './schema.ts';

export const returnBoxesRoute = createRoute({
  method: 'post',
  path: '/internal/v1/holds/{holdId}/returns',
  tags: ['internal'],
  summary: 'Return confirmed boxes a paid order will not send (orders only)',
  description:
    'Each line names a lot of the hold and how many of its sold boxes come back: on sale again for `cancelled` unless the lot ended or aged out, never for `shortage`. 409 `return_exceeds_sold` past what the hold sold and has not returned. The same Idempotency-Key returns the same answer (200).',
  // What the internal-route guard enforces: a service token for catalog with this scope.
  security: serviceTokenSecurity(HOLDS_SCOPE),
  request: {
    params: holdParams,
    headers: holdHeaders,
    body: { required: true, content: { 'application/json': { schema: holdReturnBody } } },
  },
  responses: {
    201: { description: 'Returned', content: { 'application/json': { schema: holdReturnSchema } } },
    200: {
      description: 'Already returned under this Idempotency-Key',
      content: { 'application/json': { schema: holdReturnSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerReturnBoxes(app: CatalogApp, deps: RouteDeps): void {
  app.openapi(returnBoxesRoute, async (c) => {
    const body = c.req.valid('json');
    const { view, created } = await returnConfirmedBoxes(deps.ctx, {
      holdId: c.req.valid('param').holdId,
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      reason: body.reason,
      lines: body.lines,
    });
    return created ? c.json(holdReturnResponse(view), 201) : c.json(holdReturnResponse(view), 200);
  });
}
