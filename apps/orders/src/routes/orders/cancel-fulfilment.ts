import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { orderViewSchema } from '../../contract/public-shapes.ts';
import { cancelFulfilment } from '../../domain/cancel-fulfilment.ts';
import { driveRuns } from '../../domain/drive-runs.ts';
import { orderNotFound } from '../../domain/errors.ts';
import { loadOrderView } from '../../domain/order-views.ts';
import { type OrdersApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';
import { orderFulfilmentParams } from '../params.ts';

export const cancelBody = z
  .object({
    lineIds: z.array(z.uuid('lineIds에 올바르지 않은 ID가 있어요.')).max(50).optional().openapi({
      description: 'Only these lines; all of the fulfilment when left out',
    }),
    reason: z.string().trim().min(1, '취소 사유를 적어 주세요.').max(200).openapi({ example: '주소를 잘못 적었어요' }),
  })
  .strict()
  .openapi('CancelRequest');

export const cancelFulfilmentRoute = createRoute({
  method: 'post',
  path: '/v1/orders/{orderId}/fulfilments/{fulfilmentId}/cancel',
  tags: ['orders'],
  summary: 'Cancel a fulfilment (or some of its lines)',
  description:
    'Before payment the whole order is cancelled. Until the farm starts packing: cancelled at once and refunded through payments (200). After: a cancellation request the farmer accepts or declines (202).',
  ...shopperRouteSecurity,
  request: {
    params: orderFulfilmentParams,
    body: { required: true, content: { 'application/json': { schema: cancelBody } } },
  },
  responses: {
    200: { description: 'Cancelled (and refunded)', content: { 'application/json': { schema: orderViewSchema } } },
    202: { description: 'A request to the farm', content: { 'application/json': { schema: orderViewSchema } } },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerCancelFulfilment(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...cancelFulfilmentRoute, middleware: deps.shopper }, async (c) => {
    const { orderId, fulfilmentId } = c.req.valid('param');
    const body = c.req.valid('json');
    const outcome = await cancelFulfilment(
      deps.ctx,
      principalOf(c).subject,
      orderId,
      fulfilmentId,
      body.lineIds ?? [],
      body.reason,
    );
    if (outcome.kind === 'cancelled') await driveRuns(deps.ctx, [outcome.refundRunId]);
    const order = await loadOrderView(deps.ctx.db, orderId);
    if (!order) throw orderNotFound();
    return outcome.kind === 'requested' ? c.json(order, 202) : c.json(order, 200);
  });
}
