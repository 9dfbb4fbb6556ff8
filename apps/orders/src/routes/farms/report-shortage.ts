import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { farmFulfilmentSchema } from '../../contract/public-shapes.ts';
import { driveRuns } from '../../domain/drive-runs.ts';
import { reportShortage } from '../../domain/shortages.ts';
import { farmRouteSecurity, type OrdersApp, type RouteDeps } from '../deps.ts';
import { farmFulfilmentParams } from '../params.ts';
import { farmFulfilmentView } from './answer-fulfilment.ts';
import { shortageBody } from './schema.ts';

export const reportShortageRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/fulfilments/{fulfilmentId}/shortages',
  tags: ['farmer'],
  summary: "Report boxes the farm cannot send; each line's crop-failure policy is applied",
  description:
    'refund: the short boxes are refunded now. substitute: the next grade of the same product is sent instead, any price difference refunded (never charged extra), or refunded when there is none. wait: the farm has until the deadline, then it is refunded.',
  ...farmRouteSecurity,
  request: {
    params: farmFulfilmentParams,
    body: { required: true, content: { 'application/json': { schema: shortageBody } } },
  },
  responses: {
    200: { description: 'Applied', content: { 'application/json': { schema: farmFulfilmentSchema } } },
    ...problemResponses(400, 401, 404, 409),
  },
});

export function registerReportShortage(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...reportShortageRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, fulfilmentId } = c.req.valid('param');
    const { runIds } = await reportShortage(deps.ctx, farmId, fulfilmentId, c.req.valid('json'));
    await driveRuns(deps.ctx, runIds);
    return c.json(await farmFulfilmentView(deps, farmId, fulfilmentId), 200);
  });
}
