import { bearerSecurity, problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { listPgSettlementDifferences } from '../../domain/scheduled-settlement.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';

const differenceSchema = z
  .object({
    date: z.iso.date().openapi({ example: '2026-12-07' }),
    orderId: z.uuid(),
    problem: z.enum(['missing_at_pg', 'missing_here', 'amount_differs']),
    ours: z.number().int().openapi({ example: 38_000 }),
    pg: z.number().int().openapi({ example: 0 }),
    foundAt: z.iso.datetime(),
  })
  .openapi('PgSettlementDifference');

export const listPgSettlementDifferencesRoute = createRoute({
  method: 'get',
  path: '/v1/admin/pg-settlement-differences',
  tags: ['admin'],
  summary: 'What the daily checks against the PG found differing (newest first), for a person to look at',
  description:
    'The daily reconciliation logs each difference and counts it in a metric too; nothing is ever fixed by it.',
  ...bearerSecurity(['admin']),
  responses: {
    200: {
      description: 'The differences',
      content: { 'application/json': { schema: z.object({ items: z.array(differenceSchema) }) } },
    },
    ...problemResponses(401, 403),
  },
});

export function registerListPgSettlementDifferences(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...listPgSettlementDifferencesRoute, middleware: deps.adminOnly }, async (c) => {
    const rows = await listPgSettlementDifferences(deps.ctx);
    const items = rows.map((row) => ({
      ...row,
      problem: row.problem as z.infer<typeof differenceSchema>['problem'],
      foundAt: row.foundAt.toISOString(),
    }));
    return c.json({ items }, 200);
  });
}
