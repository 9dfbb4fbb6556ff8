import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import {
  type BatchImportBody,
  type BatchProblem,
  batchRefusalSchema,
  countsOf,
  farmEvents,
  finishedImport,
  fixture,
  lockOfferElsewhere,
  lotsOf,
  SAMPLE_TODAY,
  uploadFile,
  uploadRows,
} from '../../testing/batch-uploads.ts';
import { type CatalogHarness, call, createHarness, seedFarm, seedLot, seedOffer } from '../../testing/harness.ts';
import { batchImportSchema } from './schema.ts';

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-batches', { clockStart: SAMPLE_TODAY });
});
afterAll(async () => {
  await h.close();
});

/** Uploads and waits for the import to finish; fails the test on anything but 202. */
async function importFile(farm: { farmId: string; token: string }, bytes: Uint8Array, name = 'harvest.csv') {
  const response = await uploadFile(h, farm, bytes, { name });
  if (response.status !== 202) throw new Error(`upload: ${response.status} ${response.text}`);
  const { id } = response.parse(batchImportSchema);
  return finishedImport(h, farm, id);
}

const SAMPLE_LOTS = [
  { lotCode: 'CJ-2611-001', variety: '부사', grade: '특', packKg: '5.00', priceKrw: 39000, boxes: 40, brix: '15.2' },
  { lotCode: 'CJ-2611-002', variety: '부사', grade: '상', packKg: '5.00', priceKrw: 32000, boxes: 60, brix: '14.1' },
  {
    lotCode: 'CJ-2611-003',
    variety: '부사',
    grade: '못난이',
    packKg: '5.00',
    priceKrw: 19900,
    boxes: 80,
    brix: '14.8',
  },
  {
    lotCode: 'CJ-2611-004',
    variety: '시나노골드',
    grade: '특',
    packKg: '3.00',
    priceKrw: 27000,
    boxes: 25,
    brix: '16.0',
  },
  // The sample leaves this lot code empty: one is made from the harvest day.
  { lotCode: 'H261114-001', variety: '부사', grade: '특', packKg: '10.00', priceKrw: 72000, boxes: 15, brix: '15.0' },
];

describe('uploading the sample files', () => {
  it('imports the UTF-8 sample (with BOM): products, published offers, lots and their events', async () => {
    const farm = await seedFarm(h);
    const response = await uploadFile(h, farm, await fixture('harvest-batch-sample.csv'), { name: '11월 수확.csv' });
    expect(response.status).toBe(202);
    const started = response.parse(batchImportSchema);
    expect(response.headers.get('location')).toBe(`batch-imports/${started.id}`);
    expect(started).toMatchObject({ format: 'csv', fileName: '11월 수확.csv', totalRows: 5, dryRun: false });

    const done = await finishedImport(h, farm, started.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      totalRows: 5,
      processedRows: 5,
      lotsCreated: 5,
      productsCreated: 2,
      offersCreated: 5,
      pricesChanged: 0,
      errors: [],
    });
    const lots = await lotsOf(h, farm.farmId);
    expect(lots).toEqual(
      SAMPLE_LOTS.map((lot) =>
        expect.objectContaining({ ...lot, fruit: '사과', onHand: lot.boxes, batchImportId: started.id }),
      ),
    );
    expect(lots[0]).toMatchObject({ harvestedOn: '2026-11-12', countPerBox: 16, note: '충주 산척면 과원' });
    const published = await h.owner<{ published: boolean }[]>`
      select published from catalog.products where farm_id = ${farm.farmId}
      union all select published from catalog.offers where farm_id = ${farm.farmId}`;
    expect(published.every((row) => row.published)).toBe(true);

    const events = await farmEvents(h, farm.farmId);
    expect(events.map((event) => event.type)).toEqual([
      'ProductPublished',
      'ProductPublished',
      'HarvestBatchPublished',
      ...Array(5).fill('StockLevelChanged'),
    ]);
    expect(events.slice(0, 2).map((event) => event.data.variety)).toEqual(['부사', '시나노골드']);
    const harvest = events[2]?.data as { lots: { lotCode: string; boxes: number; brix: number | null }[] };
    expect(harvest.lots.map((lot) => lot.lotCode)).toEqual(SAMPLE_LOTS.map((lot) => lot.lotCode));
    expect(harvest.lots[0]).toMatchObject({ boxes: 40, brix: 15.2 });
    expect(events[3]?.data).toMatchObject({ previousState: 'sold_out', state: 'in_stock' });
  });

  it('reads the CP949 sample as Korean Excel saves it to the same lots as the UTF-8 one', async () => {
    const utf8Farm = await seedFarm(h);
    const cp949Farm = await seedFarm(h);
    await importFile(utf8Farm, await fixture('harvest-batch-sample.csv'));
    const done = await importFile(cp949Farm, await fixture('harvest-batch-sample-cp949.csv'));
    expect(done).toMatchObject({ status: 'succeeded', lotsCreated: 5 });
    const strip = (rows: Awaited<ReturnType<typeof lotsOf>>) => rows.map(({ batchImportId: _, ...lot }) => lot);
    expect(strip(await lotsOf(h, cp949Farm.farmId))).toEqual(strip(await lotsOf(h, utf8Farm.farmId)));
  });

  it('answers 422 for the sample with errors, naming each row and column, and writes nothing', async () => {
    const farm = await seedFarm(h);
    const response = await uploadFile(h, farm, await fixture('harvest-batch-with-errors.csv'));
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = response.parse(batchRefusalSchema);
    expect(problem.code).toBe('batch_invalid');
    expect(problem.errors?.map(({ row, column, code }) => `${row} ${column} ${code}`)).toEqual([
      '3 grade unknown_grade',
      '4 boxes not_positive',
      '5 price_krw invalid_number',
      '6 harvested_on future_date',
      '7 lot_code duplicate_lot_code',
      '8 fruit required',
      '8 brix out_of_range',
    ]);
    for (const error of problem.errors ?? []) {
      expect(error.message).toContain(`${error.row}행 '${error.column}'`);
      expect(error.message).toContain(`Row ${error.row}, column '${error.column}'`);
      expect(error.field).toBe(`row ${error.row} · ${error.column}`);
    }
    expect(await countsOf(h, farm.farmId)).toEqual({ products: 0, offers: 0, lots: 0 });
    expect(await farmEvents(h, farm.farmId)).toEqual([]);

    // The failed import keeps the report, for the console's history.
    const kept = await call(h, 'GET', `/v1/farms/${farm.farmId}/${response.headers.get('location')}`, {
      token: farm.token,
    });
    expect(kept.parse(batchImportSchema)).toMatchObject({
      status: 'failed',
      totalRows: 7,
      errors: problem.errors?.map(({ field: _, ...error }) => error),
    });
  });
});

describe('other formats and spellings', () => {
  it('imports an XLSX file with Korean headers, date cells and numbers', async () => {
    const farm = await seedFarm(h);
    const header = [
      '로트번호',
      '품목',
      '품종',
      '등급',
      '포장중량kg',
      '과수',
      '수량',
      '판매가',
      '수확일',
      '당도',
      '비고',
    ];
    const xlsx = await writeXlsxFile(
      [
        header,
        ['NJ-01', '배', '신고', '특', 7.5, 11, 30, 45000, new Date('2026-11-05T00:00:00Z'), 12.5, null],
        ['', '배', '신고', '상', 7.5, null, 20, '38,000', '2026.11.06', null, '비고 "따옴표", 쉼표'],
      ],
      { dateFormat: 'yyyy-mm-dd' },
    ).toBuffer();
    const done = await importFile(farm, new Uint8Array(xlsx), 'harvest.xlsx');
    expect(done).toMatchObject({ status: 'succeeded', format: 'xlsx', lotsCreated: 2, offersCreated: 2 });
    expect(await lotsOf(h, farm.farmId)).toEqual([
      expect.objectContaining({ lotCode: 'H261106-001', grade: '상', priceKrw: 38000, harvestedOn: '2026-11-06' }),
      expect.objectContaining({ lotCode: 'NJ-01', packKg: '7.50', countPerBox: 11, harvestedOn: '2026-11-05' }),
    ]);
    expect((await lotsOf(h, farm.farmId))[0]?.note).toBe('비고 "따옴표", 쉼표');
  });

  it('imports JSON rows keyed by English names, with "39,000" and 2026.11.12', async () => {
    const farm = await seedFarm(h);
    const response = await uploadRows(h, farm, [
      {
        lot_code: 'J-1',
        fruit: '사과',
        variety: '홍로',
        grade: '보통',
        pack_kg: '5',
        boxes: 12,
        price_krw: '39,000',
        harvested_on: '2026.11.12',
        brix: null,
      },
      {
        lot_code: null,
        fruit: '사과',
        variety: '홍로',
        grade: '보통',
        pack_kg: 5,
        boxes: 3,
        price_krw: 39000,
        harvested_on: '2026-11-12',
      },
    ]);
    expect(response.status).toBe(202);
    const done = await finishedImport(h, farm, response.parse(batchImportSchema).id);
    expect(done).toMatchObject({ status: 'succeeded', format: 'json', fileName: '', lotsCreated: 2, offersCreated: 1 });
    expect(await lotsOf(h, farm.farmId)).toEqual([
      expect.objectContaining({ lotCode: 'H261112-001', boxes: 3 }),
      expect.objectContaining({ lotCode: 'J-1', priceKrw: 39000, harvestedOn: '2026-11-12', brix: null }),
    ]);
  });

  it('generates lot codes that skip those the farm and the file already use', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm, { variety: '감홍' });
    await seedLot(h, farm, offerId, { lotCode: 'H261112-001', harvestedOn: '2026-11-12', boxesHarvested: 5 });
    const base = { fruit: '사과', variety: '감홍', grade: '특', pack_kg: 5, boxes: 10, price_krw: 39000 };
    const response = await uploadRows(h, farm, [
      { ...base, harvested_on: '2026-11-12' },
      { ...base, lot_code: 'H261112-002', harvested_on: '2026-11-12' },
      { ...base, harvested_on: '2026-11-12' },
      { ...base, harvested_on: '2026-11-13' },
    ]);
    await finishedImport(h, farm, response.parse(batchImportSchema).id);
    expect((await lotsOf(h, farm.farmId)).map((lot) => lot.lotCode)).toEqual([
      'H261112-001',
      'H261112-002',
      'H261112-003',
      'H261112-004',
      'H261113-001',
    ]);
  });
});

describe('existing catalog', () => {
  it('reuses the product and offer, and announces a changed price with the previous one', async () => {
    const farm = await seedFarm(h);
    const { productId, offerId } = await seedOffer(h, farm, {
      fruit: '사과',
      variety: '부사',
      grade: '특',
      priceKrw: 35000,
    });
    const done = await importFile(farm, await fixture('harvest-batch-sample.csv'));
    expect(done).toMatchObject({ productsCreated: 1, offersCreated: 4, pricesChanged: 1, lotsCreated: 5 });
    const [lot] = await h.owner<{ offer_id: string }[]>`
      select offer_id from catalog.lots where farm_id = ${farm.farmId} and lot_code = 'CJ-2611-001'`;
    expect(lot?.offer_id).toBe(offerId);
    const priced = (await farmEvents(h, farm.farmId)).filter((event) => event.type === 'OfferPriceChanged');
    expect(priced.map((event) => event.data)).toEqual([
      expect.objectContaining({ offerId, productId, previousPriceKrw: 35000, priceKrw: 39000 }),
    ]);
    const [offer] = await h.owner<{ price_krw: number }[]>`select price_krw from catalog.offers where id = ${offerId}`;
    expect(offer?.price_krw).toBe(39000);
  });

  it('refuses a lot code the farm already has, naming the row, and writes nothing', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm);
    await seedLot(h, farm, offerId, { lotCode: 'CJ-2611-002', harvestedOn: '2026-11-10', boxesHarvested: 5 });
    const before = await countsOf(h, farm.farmId);
    const response = await uploadFile(h, farm, await fixture('harvest-batch-sample.csv'));
    expect(response.status).toBe(422);
    const problem = response.parse(batchRefusalSchema);
    expect(problem.errors?.map(({ row, column, code }) => `${row} ${column} ${code}`)).toEqual([
      '3 로트번호 lot_code_exists',
    ]);
    expect(await countsOf(h, farm.farmId)).toEqual(before);
  });
});

describe('dry run', () => {
  it('reports the plan and writes no product, offer or lot', async () => {
    const farm = await seedFarm(h);
    await seedOffer(h, farm, { fruit: '사과', variety: '부사', grade: '특', priceKrw: 35000 });
    const before = await countsOf(h, farm.farmId);
    const eventsBefore = await farmEvents(h, farm.farmId);
    const bytes = await fixture('harvest-batch-sample.csv');
    const response = await uploadFile(h, farm, bytes, { dryRun: true });
    expect(response.status).toBe(200);
    const preview = response.parse(batchImportSchema);
    expect(preview).toMatchObject({
      dryRun: true,
      status: 'succeeded',
      lotsCreated: 5,
      productsCreated: 1,
      offersCreated: 4,
      pricesChanged: 1,
    });
    expect(preview.plan?.newProducts).toEqual([{ fruit: '사과', variety: '시나노골드' }]);
    expect(preview.plan?.priceChanges).toEqual([expect.objectContaining({ previousPriceKrw: 35000, priceKrw: 39000 })]);
    expect(preview.plan?.lots.map((lot) => [lot.row, lot.lotCode, lot.generated])).toEqual([
      [2, 'CJ-2611-001', false],
      [3, 'CJ-2611-002', false],
      [4, 'CJ-2611-003', false],
      [5, 'CJ-2611-004', false],
      [6, 'H261114-001', true],
    ]);
    expect(await countsOf(h, farm.farmId)).toEqual(before);
    expect(await farmEvents(h, farm.farmId)).toEqual(eventsBefore);

    // A dry run does not count as the file's import.
    expect((await uploadFile(h, farm, bytes)).status).toBe(202);
  });
});

describe('idempotency', () => {
  it('answers the same file again with the earlier import and no new lots', async () => {
    const farm = await seedFarm(h);
    const bytes = await fixture('harvest-batch-sample.csv');
    const first = await importFile(farm, bytes);
    const again = await uploadFile(h, farm, bytes, { name: 'renamed.csv' });
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBe(`batch-imports/${first.id}`);
    expect(again.parse(batchImportSchema)).toMatchObject({ id: first.id, status: 'succeeded' });
    expect((await countsOf(h, farm.farmId))?.lots).toBe(5);
  });

  it('imports once when the same file is uploaded twice at the same time', async () => {
    const farm = await seedFarm(h);
    const bytes = await fixture('harvest-batch-sample.csv');
    const responses = await Promise.all([uploadFile(h, farm, bytes), uploadFile(h, farm, bytes)]);
    const bodies = await Promise.all(responses.map((response) => response.parse(batchImportSchema)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 202]);
    expect(bodies[0]?.id).toBe(bodies[1]?.id);
    await h.batchJobs.drain();
    expect((await countsOf(h, farm.farmId))?.lots).toBe(5);
    const imports = await h.owner`select status from catalog.batch_imports where farm_id = ${farm.farmId}`;
    expect(imports.map((row) => row.status)).toEqual(['succeeded']);
  });

  it('lets the same file be imported on another farm', async () => {
    const bytes = await fixture('harvest-batch-sample.csv');
    const [one, two] = [await seedFarm(h), await seedFarm(h)];
    expect((await importFile(one, bytes)).status).toBe('succeeded');
    expect((await importFile(two, bytes)).status).toBe('succeeded');
  });
});

describe('progress', () => {
  it('shows the import running until its transaction commits, then succeeded with every row processed', async () => {
    const farm = await seedFarm(h);
    const { offerId } = await seedOffer(h, farm, { fruit: '사과', variety: '부사', grade: '특', priceKrw: 39000 });
    // A checkout holding the offer's row lock keeps the import waiting in its first step.
    const checkout = await lockOfferElsewhere(h, offerId);
    const response = await uploadFile(h, farm, await fixture('harvest-batch-sample.csv'));
    expect(response.status).toBe(202);
    const path = `/v1/farms/${farm.farmId}/${response.headers.get('location')}`;
    const running = await call(h, 'GET', path, { token: farm.token });
    expect(running.headers.get('retry-after')).toBe('1');
    expect(running.headers.get('cache-control')).toBe('no-store');
    expect(running.parse(batchImportSchema)).toMatchObject({ status: 'running', processedRows: 0, totalRows: 5 });
    await checkout.release();
    await h.batchJobs.drain();
    const done = await call(h, 'GET', path, { token: farm.token });
    expect(done.headers.get('retry-after')).toBeNull();
    expect(done.parse(batchImportSchema)).toMatchObject({ status: 'succeeded', processedRows: 5, totalRows: 5 });
  });
});

describe('who may upload', () => {
  it("answers 404 to another farm's farmer, for the upload and for the import's status", async () => {
    const mine = await seedFarm(h);
    const theirs = await seedFarm(h, '다른농원');
    const bytes = await fixture('harvest-batch-sample.csv');
    expect((await uploadFile(h, theirs, bytes, { token: mine.token })).status).toBe(404);
    const { id } = await importFile(theirs, bytes);
    const foreign = await call(h, 'GET', `/v1/farms/${theirs.farmId}/batch-imports/${id}`, { token: mine.token });
    expect(foreign.status).toBe(404);
    // Their import under my farm id: the farm check passes, the import is not mine.
    const mismatched = await call(h, 'GET', `/v1/farms/${mine.farmId}/batch-imports/${id}`, { token: mine.token });
    expect(mismatched.status).toBe(404);
    expect((await countsOf(h, theirs.farmId))?.lots).toBe(5);
  });

  it('lets an admin upload for a farm, answers 404 for a farm that does not exist, 401 without a token', async () => {
    const farm = await seedFarm(h);
    const admin = await h.signer.admin();
    const bytes = await fixture('harvest-batch-sample.csv');
    expect((await uploadFile(h, farm, bytes, { token: admin })).status).toBe(202);
    await h.batchJobs.drain();
    const missing = { farmId: crypto.randomUUID(), token: admin };
    expect((await uploadFile(h, missing, bytes)).status).toBe(404);
    const anonymous = await h.app.request(`/v1/farms/${farm.farmId}/batch-imports`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});

describe('documentation', () => {
  it('documents both routes in OpenAPI: the file and JSON bodies, dryRun, examples, 202/200/413/422', async () => {
    const response = await call(h, 'GET', '/openapi.json');
    const raw = response.text;
    if (response.status !== 200) throw new Error(raw.slice(0, 2000));
    const document = JSON.parse(raw) as {
      paths: Record<
        string,
        Record<
          string,
          {
            tags: string[];
            requestBody?: { content: Record<string, unknown> };
            responses: Record<string, unknown>;
            parameters?: { name: string }[];
          }
        >
      >;
    };
    const upload = document.paths['/v1/farms/{farmId}/batch-imports']?.post;
    expect(upload?.tags).toEqual(['farmer']);
    expect(Object.keys(upload?.requestBody?.content ?? {})).toEqual(['multipart/form-data', 'application/json']);
    expect(upload?.parameters?.map((parameter) => parameter.name)).toEqual(['farmId', 'dryRun']);
    expect(Object.keys(upload?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '202', '400', '401', '404', '413', '415', '422']),
    );
    expect(document.paths['/v1/farms/{farmId}/batch-imports/{importId}']?.get?.tags).toEqual(['farmer']);
    expect(raw).toContain('"format":"binary"');
    expect(raw).toContain('unknown_grade');
    expect(raw).toContain('2026.11.12');
  });
});
