import { bearerSecurity, problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { bankTransferFile } from '../../domain/bank-transfer-file.ts';
import { markBankFilePaid } from '../../domain/settlement.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';

const periodParams = z.object({
  periodEnd: z.iso
    .date('YYYY-MM-DD 형식의 날짜여야 해요. Must be a YYYY-MM-DD date.')
    .openapi({ param: { name: 'periodEnd', in: 'path' }, example: '2026-12-06' }),
});

export const getBankFileRoute = createRoute({
  method: 'get',
  path: '/v1/admin/settlements/{periodEnd}/bank-file',
  tags: ['admin'],
  summary: "A settlement run's bulk-transfer file (대량이체 CSV) for the bank's upload",
  description:
    'One row per payout still requested with the bank file: 입금은행코드, 입금계좌번호, 예금주명, 이체금액, 받는분통장표시 (UTF-8 with BOM, CRLF; see the README). The account numbers come from identity at download and are never stored by payments.',
  ...bearerSecurity(['admin']),
  request: { params: periodParams },
  responses: {
    200: { description: 'The file', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses(400, 401, 403, 502, 503, 504),
  },
});

export const markBankFilePaidRoute = createRoute({
  method: 'post',
  path: '/v1/admin/settlements/{periodEnd}/bank-file/paid',
  tags: ['admin'],
  summary: "The bank paid the run's file: its payouts become paid (PayoutPaid each)",
  ...bearerSecurity(['admin']),
  request: { params: periodParams },
  responses: {
    200: {
      description: 'How many payouts became paid (0 when already marked)',
      content: { 'application/json': { schema: z.object({ paid: z.number().int() }) } },
    },
    ...problemResponses(400, 401, 403),
  },
});

export function registerSettlementBankFile(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...getBankFileRoute, middleware: deps.adminOnly }, async (c) => {
    const { periodEnd } = c.req.valid('param');
    const file = await bankTransferFile(deps.ctx, periodEnd);
    return c.body(file.csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="payouts-${periodEnd}.csv"`,
      // Account numbers: never kept by a cache or the browser.
      'cache-control': 'no-store',
    });
  });
  app.openapi({ ...markBankFilePaidRoute, middleware: deps.adminOnly }, async (c) => {
    return c.json({ paid: await markBankFilePaid(deps.ctx, c.req.valid('param').periodEnd) }, 200);
  });
}
