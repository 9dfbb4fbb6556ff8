import { formatSeoulDateTime } from '@fruitables/core';
import { bearerSecurity, problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { statementSchema } from '../../contract/ledger.ts';
import { farmStatement, type StatementLine } from '../../domain/farm-ledger.ts';
import { seoulRange } from '../date-range.ts';
import type { PaymentsApp, RouteDeps } from '../deps.ts';
import { dateRangeQuery, farmParams } from '../params.ts';

export const getFarmStatementRoute = createRoute({
  method: 'get',
  path: '/v1/farms/{farmId}/statements',
  tags: ['farmer'],
  summary: "The farm's statement: every sale made payable and every payout, with the running balance",
  description: '`format=csv` answers the same lines as a CSV download (UTF-8 with BOM, for Excel).',
  ...bearerSecurity(['farmer', 'admin']),
  request: {
    params: farmParams,
    query: dateRangeQuery.extend({ format: z.enum(['json', 'csv']).optional().openapi({ example: 'csv' }) }).strict(),
  },
  responses: {
    200: {
      description: 'The statement',
      content: { 'application/json': { schema: statementSchema }, 'text/csv': { schema: z.string() } },
    },
    ...problemResponses(400, 401, 404),
  },
});

const kindLabels: Record<string, string> = { fulfilment_completed: '판매(구매확정)', payout: '정산 지급' };
const csvCell = (value: string | number): string => {
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

function toCsv(lines: StatementLine[]): string {
  const header = ['일시', '구분', '내용', '주문번호', '판매액', '수수료', '정산액', '잔액'];
  const rows = lines.map((line) => [
    formatSeoulDateTime(line.postedAt),
    kindLabels[line.kind] ?? line.kind,
    line.description,
    line.orderId ?? '',
    line.grossAmount ?? '',
    line.commission ?? '',
    line.amount,
    line.balanceAfter,
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function registerGetFarmStatement(app: PaymentsApp, deps: RouteDeps): void {
  app.openapi({ ...getFarmStatementRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId } = c.req.valid('param');
    const query = c.req.valid('query');
    const { from, to, range } = seoulRange(query, deps.ctx.clock.now());
    const statement = await farmStatement(deps.ctx.db, farmId, range);
    if (query.format === 'csv') {
      return c.body(toCsv(statement.lines), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="statement-${from}-${to}.csv"`,
      });
    }
    const closing = statement.lines.at(-1)?.balanceAfter ?? statement.opening;
    return c.json(
      {
        farmId,
        from,
        to,
        opening: statement.opening,
        closing,
        lines: statement.lines.map((line) => ({ ...line, postedAt: line.postedAt.toISOString() })),
      },
      200,
    );
  });
}
