import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { orderViewSchema } from '../../contract/public-shapes.ts';
import { refundByAdmin } from '../../domain/admin-refunds.ts';
import { driveRuns } from '../../domain/drive-runs.ts';
import { orderNotFound } from '../../domain/errors.ts';
import { loadOrderView } from '../../domain/order-views.ts';
import { adminRouteSecurity, type OrdersApp, type RouteDeps } from '../deps.ts';
import { orderParams } from '../params.ts';

export const adminRefundHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .optional()
    .openapi({ param: { name: 'idempotency-key', in: 'header' }, description: 'The same key refunds once' }),
});

export const adminRefundBody = z
  .object({
    fulfilmentId: z.uuid().nullable(),
    amount: z.number().int().min(1).max(100_000_000).openapi({ example: 12_000 }),
    reason: z.string().trim().min(1, '환불 사유를 적어 주세요.').max(200).openapi({ example: '배송 중 파손' }),
  })
  .strict()
  .openapi('AdminRefundRequest');

export const createAdminRefundRoute = createRoute({
  method: 'post',
  path: '/v1/admin/orders/{orderId}/refunds',
  tags: ['admin'],
  summary: 'Refund part of a paid order through payments',
  ...adminRouteSecurity,
  request: {
    params: orderParams,
    headers: adminRefundHeaders,
    body: { required: true, content: { 'application/json': { schema: adminRefundBody } } },
  },
  responses: {
    200: { description: 'Refund asked for', content: { 'application/json': { schema: orderViewSchema } } },
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function registerCreateAdminRefund(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...createAdminRefundRoute, middleware: deps.admin }, async (c) => {
    const { orderId } = c.req.valid('param');
    const key = c.req.valid('header')['idempotency-key'];
    const runId = await refundByAdmin(deps.ctx, orderId, {
      ...c.req.valid('json'),
      ...(key ? { requestKey: key } : {}),
    });
    await driveRuns(deps.ctx, [runId]);
    const order = await loadOrderView(deps.ctx.db, orderId);
    if (!order) throw orderNotFound();
    return c.json(order, 200);
  });
}
