import { problemResponses, serviceTokenSecurity } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { BOOKINGS_SCOPE } from '../../contract/promise.ts';
import { quotePromise } from '../../domain/promise/quote-promise.ts';
import type { LogisticsApp, RouteDeps } from '../deps.ts';
import { promiseBody, promiseResponse, promiseSchema } from './schema.ts';

export const quotePromiseRoute = createRoute({
  method: 'post',
  path: '/internal/v1/promise',
  tags: ['internal'],
  summary: 'The promise for a cart (orders at checkout): the same answer as POST /v1/promise',
  // What the internal-route guard enforces: a service token for logistics with this scope.
  security: serviceTokenSecurity(BOOKINGS_SCOPE),
  request: { body: { required: true, content: { 'application/json': { schema: promiseBody } } } },
  responses: {
    200: { description: 'The promise', content: { 'application/json': { schema: promiseSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerQuotePromise(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi(quotePromiseRoute, async (c) =>
    c.json(promiseResponse(await quotePromise(deps.ctx, c.req.valid('json'))), 200),
  );
}
