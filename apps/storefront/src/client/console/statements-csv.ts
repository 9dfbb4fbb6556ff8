import { csvBlob } from './csv-download.ts';
import type { Statement } from './purchase-api.ts';
import { payoutStatusName } from './purchase-text.ts';

/** The statements as a CSV made here, for when payments cannot make one (it should: it has every line). */
export function statementsCsv(statements: Statement[]): Blob {
  return csvBlob([
    ['정산 기간', '지급일', '판매', '환불', '수수료', 'PG 수수료', '배송비', '지급액', '상태'],
    ...statements.map((statement) => [
      `${statement.periodStart?.slice(0, 10) ?? ''}~${statement.periodEnd?.slice(0, 10) ?? ''}`,
      statement.payoutDate?.slice(0, 10) ?? '',
      statement.sales,
      statement.refunds,
      statement.commission,
      statement.pgFee,
      statement.deliveryFee,
      statement.net,
      payoutStatusName(statement.status),
    ]),
  ]);
}
