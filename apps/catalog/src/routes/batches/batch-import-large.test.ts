import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOTS_PER_HARVEST_EVENT } from '../../batches/limits.ts';
import { type BatchImportBody, countsOf, farmEvents, SAMPLE_TODAY, uploadFile } from '../../testing/batch-uploads.ts';
import { type CatalogHarness, call, createHarness, seedFarm } from '../../testing/harness.ts';
import { batchImportSchema } from './schema.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-batch-large', { clockStart: SAMPLE_TODAY });
});
afterAll(async () => {
  await h.close();
});

const VARIETIES = [
  ['사과', '부사'],
  ['사과', '홍로'],
  ['사과', '시나노골드'],
  ['배', '신고'],
  ['배', '원황'],
  ['감귤', '노지'],
] as const;
const GRADES = ['특', '상', '보통', '못난이'] as const;
const PACKS = [3, 5, 10] as const;

/** A season's worth of rows: 72 offers, half the lot codes left empty, prices written "39,000". */
function seasonCsv(rows: number): string {
  const lines = ['로트번호,품목,품종,등급,포장중량kg,과수,수량,판매가,수확일,당도,비고'];
  for (let i = 0; i < rows; i++) {
    const [fruit, variety] = VARIETIES[i % VARIETIES.length] ?? VARIETIES[0];
    const grade = GRADES[Math.floor(i / VARIETIES.length) % GRADES.length];
    const pack = PACKS[Math.floor(i / (VARIETIES.length * GRADES.length)) % PACKS.length] ?? 5;
    const price = (pack * 7000 + GRADES.indexOf(grade ?? '특') * 1000).toLocaleString('en-US');
    const day = String(11 + (i % 10)).padStart(2, '0');
    const code = i % 2 === 0 ? `S-${String(i).padStart(5, '0')}` : '';
    lines.push(
      `${code},${fruit},${variety},${grade},${pack},,${1 + (i % 50)},"${price}",2026.11.${day},${12 + (i % 40) / 10},`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('a 10,000-row upload', () => {
  it('imports every row in one go while the status endpoint shows the rows written so far', async () => {
    const farm = await seedFarm(h);
    const response = await uploadFile(h, farm, seasonCsv(10_000));
    expect(response.status).toBe(202);
    const path = `/v1/farms/${farm.farmId}/${response.headers.get('location')}`;
    const seen: BatchImportBody[] = [];
    for (;;) {
      const status = (await call(h, 'GET', path, { token: farm.token })).parse(batchImportSchema);
      seen.push(status);
      if (status.status !== 'running') break;
      await Bun.sleep(10);
    }
    const done = seen.at(-1);
    expect(done).toMatchObject({
      status: 'succeeded',
      totalRows: 10_000,
      processedRows: 10_000,
      lotsCreated: 10_000,
      productsCreated: 6,
      offersCreated: 72,
    });
    const progress = seen.map((status) => status.processedRows);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await countsOf(h, farm.farmId)).toEqual({ products: 6, offers: 72, lots: 10_000 });

    const events = await farmEvents(h, farm.farmId);
    const harvests = events.filter((event) => event.type === 'HarvestBatchPublished');
    expect(harvests).toHaveLength(10_000 / LOTS_PER_HARVEST_EVENT);
    const lotCodes = harvests.flatMap((event) => (event.data.lots as { lotCode: string }[]).map((lot) => lot.lotCode));
    expect(new Set(lotCodes).size).toBe(10_000);
    expect(events.filter((event) => event.type === 'StockLevelChanged')).toHaveLength(72);
  });
});
