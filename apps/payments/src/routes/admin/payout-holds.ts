import { bearerSecurity, problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { payoutHoldBody } from '../../contract/ledger.ts';
import { holdPayouts, releasePayouts } from '../../domain/settlement.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';

export const holdPayoutsRoute = createRoute({
  method: 'post',
  path: '/v1/admin/payout-holds',
  tags: ['admin'],
  summary: "Put a farm's payouts on hold (settlement skips it; what it is owed stays payable)",
  ...bearerSecurity(['admin']),
  request: { body: { required: true, content: { 'application/json': { schema: payoutHoldBody } } } },
  responses: {
    200: { description: 'On hold', content: { 'application/json': { schema: payoutHoldBody } } },
    ...problemResponses(400, 401, 403),
  },
});

export const releasePayoutsRoute = createRoute({
  method: 'delete',
  path: '/v1/admin/payout-holds/{heldFarmId}',
  tags: ['admin'],
  summary: "Release a farm's payouts (the next settlement pays it)",
  ...bearerSecurity(['admin']),
  request: { params: z.object({ heldFarmId: z.uuid().openapi({ param: { name: 'heldFarmId', in: 'path' } }) }) },
  responses: { 204: { description: 'Released (also when it was not held)' }, ...problemResponses(400, 401, 403) },
});

export function registerPayoutHolds(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...holdPayoutsRoute, middleware: deps.adminOnly }, async (c) => {
    const body = c.req.valid('json');
    await holdPayouts(deps.ctx, body.farmId, body.reason);
    return c.json(body, 200);
  });
  app.openapi({ ...releasePayoutsRoute, middleware: deps.adminOnly }, async (c) => {
    await releasePayouts(deps.ctx, c.req.valid('param').heldFarmId);
    return c.body(null, 204);
  });
}
