import { describe, expect, it } from 'vitest';
import { statementsCsv } from './statements-csv.ts';

describe("the farmer's statements as a CSV", () => {
  it('opens in Korean Excel: a byte-order mark, Korean headers, one row per statement in won', async () => {
    const csv = statementsCsv([
      {
        id: 's1',
        periodStart: '2026-11-30',
        periodEnd: '2026-12-06',
        payoutDate: '2026-12-10T00:00:00Z',
        status: 'paid',
        sales: 320_000,
        refunds: 32_000,
        commission: 28_800,
        pgFee: 9_600,
        deliveryFee: 6_000,
        net: 255_600,
      },
    ]);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row] = new TextDecoder().decode(bytes).split('\r\n');
    expect(header).toBe('정산 기간,지급일,판매,환불,수수료,PG 수수료,배송비,지급액,상태');
    expect(row).toBe('2026-11-30~2026-12-06,2026-12-10,320000,32000,28800,9600,6000,255600,지급 완료');
  });
});
