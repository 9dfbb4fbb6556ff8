import { bearerSecurity, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { commissionSchema } from '../../contract/ledger.ts';
import { platformRevenue } from '../../domain/farm-ledger.ts';
import { seoulRange } from '../date-range.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';
import { dateRangeQuery } from '../params.ts';

export const getCommissionRoute = createRoute({
  method: 'get',
  path: '/v1/admin/commission',
  tags: ['admin'],
  summary: "The platform's commission revenue, PG fees and delivery fees over a period",
  ...bearerSecurity(['admin']),
  request: { query: dateRangeQuery },
  responses: {
    200: { description: 'The totals', content: { 'application/json': { schema: commissionSchema } } },
    ...problemResponses(400, 401, 403),
  },
});

export function registerGetCommission(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...getCommissionRoute, middleware: deps.adminOnly }, async (c) => {
    const { from, to, range } = seoulRange(c.req.valid('query'), deps.ctx.clock.now());
    return c.json({ from, to, ...(await platformRevenue(deps.ctx.db, range)) }, 200);
  });
}
