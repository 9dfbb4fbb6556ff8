import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { holdStock } from '../../domain/hold-stock.ts';
import { type CatalogApp, type RouteDeps, serviceRouteSecurity } from '../deps.ts';
import { holdBody, holdHeaders, holdResponse, holdSchema } from './schema.ts';

export const createHoldRoute = createRoute({
  method: 'post',
  path: '/internal/v1/holds',
  tags: ['internal'],
  summary: 'Hold stock for a checkout (orders only)',
  description:
    'All lines or none, oldest sellable lot first (FEFO), skipping lots past their fruit’s maximum age. 409 `sold_out` when any line cannot be filled. The same Idempotency-Key returns the same hold (200).',
  ...serviceRouteSecurity,
  request: {
    headers: holdHeaders,
    body: { required: true, content: { 'application/json': { schema: holdBody } } },
  },
  responses: {
    201: { description: 'Held', content: { 'application/json': { schema: holdSchema } } },
    200: {
      description: 'Already held under this Idempotency-Key',
      content: { 'application/json': { schema: holdSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerCreateHold(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...createHoldRoute, middleware: deps.serviceOnly }, async (c) => {
    const body = c.req.valid('json');
    const { hold, created } = await holdStock(deps.ctx, {
      idempotencyKey: c.req.valid('header')['idempotency-key'],
      lines: body.lines,
      ...(body.ttlSeconds === undefined ? {} : { ttlSeconds: body.ttlSeconds }),
    });
    return created ? c.json(holdResponse(hold), 201) : c.json(holdResponse(hold), 200);
  });
}
