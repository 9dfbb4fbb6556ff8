import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { quotePromise } from '../../domain/promise/quote-promise.ts';
import type { LogisticsApp, RouteDeps } from '../deps.ts';
import { promiseBody, promiseResponse, promiseSchema } from './schema.ts';

export const getPromiseRoute = createRoute({
  method: 'post',
  path: '/v1/promise',
  tags: ['promise'],
  summary: 'When a cart arrives at an address: per farm, the order-by time, the earliest date and the dates to choose',
  description:
    'No sign-in. The product page (no postcode: the dawn area), the cart and checkout all show this answer. An unserved postcode answers each farm `deliverable: false` with the reason in Korean.',
  request: { body: { required: true, content: { 'application/json': { schema: promiseBody } } } },
  responses: {
    200: { description: 'The promise', content: { 'application/json': { schema: promiseSchema } } },
    ...problemResponses(400),
  },
});

export function registerGetPromise(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi(getPromiseRoute, async (c) => {
    const quoted = await quotePromise(deps.ctx, c.req.valid('json'));
    c.header('cache-control', 'no-store');
    return c.json(promiseResponse(quoted), 200);
  });
}
