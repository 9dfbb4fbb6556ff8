import { bearerSecurity, problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { settlementCheckSchema } from '../../contract/ledger.ts';
import { checkPgSettlements } from '../../domain/pg-settlement-check.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';

export const checkPgSettlementsRoute = createRoute({
  method: 'get',
  path: '/v1/admin/pg-settlement-check',
  tags: ['admin'],
  summary: "The day's reconciliation: our payments and refunds against the PG's settlement list",
  description: 'Differences are reported, never fixed automatically.',
  ...bearerSecurity(['admin']),
  request: {
    query: z
      .object({
        date: z.iso
          .date('YYYY-MM-DD 형식의 날짜여야 해요. Must be a YYYY-MM-DD date.')
          .openapi({ example: '2026-12-07' }),
      })
      .strict(),
  },
  responses: {
    200: { description: 'The comparison', content: { 'application/json': { schema: settlementCheckSchema } } },
    ...problemResponses(400, 401, 403, 503),
  },
});

export function registerCheckPgSettlements(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...checkPgSettlementsRoute, middleware: deps.adminOnly }, async (c) => {
    return c.json(await checkPgSettlements(deps.ctx, c.req.valid('query').date), 200);
  });
}
