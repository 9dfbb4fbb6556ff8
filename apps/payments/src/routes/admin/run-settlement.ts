import { ValidationFailed } from '@fruitables/core';
import { bearerSecurity, problemResponses } from '@fruitables/kit';
import { createRoute, type z } from '@hono/zod-openapi';
import { type payoutSchema, settlementBody, settlementRunSchema } from '../../contract/ledger.ts';
import { type PayoutView, runSettlement } from '../../domain/settlement.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';

export const runSettlementRoute = createRoute({
  method: 'post',
  path: '/v1/admin/settlements',
  tags: ['admin'],
  summary: 'Run a settlement: book every farm not on hold what it is owed and send it (PayoutPaid when paid)',
  description: 'A farm is paid at most once per period end, so running it again pays nobody twice.',
  ...bearerSecurity(['admin']),
  request: { body: { required: true, content: { 'application/json': { schema: settlementBody } } } },
  responses: {
    200: {
      description: 'The payouts made',
      content: { 'application/json': { schema: settlementRunSchema } },
    },
    ...problemResponses(400, 401, 403),
  },
});

export const payoutResponse = (payout: PayoutView): z.infer<typeof payoutSchema> => ({
  ...payout,
  transfer: payout.transfer === 'payout_api' || payout.transfer === 'bank_file' ? payout.transfer : null,
  paidAt: payout.paidAt?.toISOString() ?? null,
});

export function registerRunSettlement(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...runSettlementRoute, middleware: deps.adminOnly }, async (c) => {
    const period = c.req.valid('json');
    if (period.periodStart > period.periodEnd) {
      throw new ValidationFailed('정산 시작일이 종료일보다 늦어요. periodStart is after periodEnd.', [
        { field: 'periodStart', message: 'must not be after periodEnd' },
      ]);
    }
    const payouts = await runSettlement(deps.ctx, period);
    return c.json({ payouts: payouts.map(payoutResponse) }, 200);
  });
}
