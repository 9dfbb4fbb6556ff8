import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { addClosure } from '../../domain/closures.ts';
import { adminRouteSecurity, type LogisticsApp, type RouteDeps } from '../deps.ts';
import { closureBody, closureResponse, closureSchema } from './schema.ts';

export const addClosureRoute = createRoute({
  method: 'post',
  path: '/v1/admin/closures',
  tags: ['admin'],
  summary: 'Close days for pick-ups, arrivals or both (a typhoon, a strike), everywhere or at one farm',
  description: 'The next promise skips them; bookings already held keep their dates.',
  ...adminRouteSecurity,
  request: { body: { required: true, content: { 'application/json': { schema: closureBody } } } },
  responses: {
    201: { description: 'Closed', content: { 'application/json': { schema: closureSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerAddClosure(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...addClosureRoute, middleware: deps.adminOnly }, async (c) => {
    const body = c.req.valid('json');
    const created = await addClosure(deps.ctx, { ...body, farmId: body.farmId ?? null }, principalOf(c).subject);
    return c.json(closureResponse(created), 201);
  });
}
