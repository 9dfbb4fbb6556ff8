import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { hubCapacitySchema } from '../../contract/shipments.ts';
import { readHubCapacity, setHubCapacity } from '../../domain/hub-capacity.ts';
import { adminRouteSecurity, type LogisticsApp, type RouteDeps } from '../deps.ts';

const params = z.object({
  deliveryDate: z.iso
    .date('날짜는 2026-12-10처럼 적어 주세요. deliveryDate must be YYYY-MM-DD.')
    .openapi({ param: { name: 'deliveryDate', in: 'path' }, example: '2026-12-10' }),
});

const body = z
  .object({ capacity: z.number().int().min(0).max(1_000_000).openapi({ example: 2_500 }) })
  .strict()
  .openapi('HubCapacityRequest');

export const getHubCapacityRoute = createRoute({
  method: 'get',
  path: '/v1/admin/hub-capacity/{deliveryDate}',
  tags: ['admin'],
  summary: 'The dawn run’s capacity and bookings for an arrival date (admins)',
  ...adminRouteSecurity,
  request: { params },
  responses: {
    200: { description: 'Capacity and bookings', content: { 'application/json': { schema: hubCapacitySchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export const putHubCapacityRoute = createRoute({
  method: 'put',
  path: '/v1/admin/hub-capacity/{deliveryDate}',
  tags: ['admin'],
  summary: 'Set the dawn run’s capacity for an arrival date (admins)',
  description: 'Lower than what is booked only stops new bookings; nobody already booked is bumped.',
  ...adminRouteSecurity,
  request: { params, body: { required: true, content: { 'application/json': { schema: body } } } },
  responses: {
    200: { description: 'Saved', content: { 'application/json': { schema: hubCapacitySchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerHubCapacity(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...getHubCapacityRoute, middleware: deps.adminOnly }, async (c) =>
    c.json(await readHubCapacity(deps.ctx, c.req.valid('param').deliveryDate), 200),
  );
  app.openapi({ ...putHubCapacityRoute, middleware: deps.adminOnly }, async (c) =>
    c.json(await setHubCapacity(deps.ctx, c.req.valid('param').deliveryDate, c.req.valid('json').capacity), 200),
  );
}
