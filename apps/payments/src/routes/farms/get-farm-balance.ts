import { bearerSecurity, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { farmBalanceSchema } from '../../contract/ledger.ts';
import { farmBalanceView } from '../../domain/farm-ledger.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';

export const getFarmBalanceRoute = createRoute({
  method: 'get',
  path: '/v1/farms/{farmId}/balance',
  tags: ['farmer'],
  summary: 'What the platform owes the farm now, and the next payout',
  ...bearerSecurity(['farmer', 'admin']),
  request: { params: farmParams },
  responses: {
    200: { description: 'The balance', content: { 'application/json': { schema: farmBalanceSchema } } },
    ...problemResponses(400, 401, 404),
  },
});

export function registerGetFarmBalance(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...getFarmBalanceRoute, middleware: deps.farmAccess }, async (c) => {
    const view = await farmBalanceView(deps.ctx.db, c.req.valid('param').farmId);
    return c.json(
      {
        ...view,
        lastPayout: view.lastPayout ? { ...view.lastPayout, paidAt: view.lastPayout.paidAt.toISOString() } : null,
      },
      200,
    );
  });
}
