import { problemResponses } from '@fruitables/kit';
import { cancelRequests } from '@fruitables/schema-orders';
import { createRoute } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { farmFulfilmentSchema } from '../../contract/public-shapes.ts';
import { driveRuns } from '../../domain/drive-runs.ts';
import { decideCancelRequest } from '../../domain/farm-fulfilments.ts';
import { farmRouteSecurity, type OrdersApp, type RouteDeps } from '../deps.ts';
import { farmRequestParams } from '../params.ts';
import { farmFulfilmentView } from './answer-fulfilment.ts';
import { decisionBody } from './schema.ts';

export const declineCancelRequestRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/cancel-requests/{requestId}/decline',
  tags: ['farmer'],
  summary: 'Decline a shopper’s cancel request, with the reason the shopper sees',
  ...farmRouteSecurity,
  request: {
    params: farmRequestParams,
    body: { required: true, content: { 'application/json': { schema: decisionBody } } },
  },
  responses: {
    200: { description: 'Decided', content: { 'application/json': { schema: farmFulfilmentSchema } } },
    ...problemResponses(400, 401, 404, 409),
  },
});

export function registerDeclineCancelRequest(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...declineCancelRequestRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, requestId } = c.req.valid('param');
    const { refundRunId } = await decideCancelRequest(
      deps.ctx,
      farmId,
      requestId,
      'decline',
      c.req.valid('json').reason,
    );
    await driveRuns(deps.ctx, [refundRunId]);
    const [request] = await deps.ctx.db.select().from(cancelRequests).where(eq(cancelRequests.id, requestId));
    return c.json(await farmFulfilmentView(deps, farmId, request?.fulfilmentId ?? ''), 200);
  });
}
