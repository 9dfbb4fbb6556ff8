import type { TestResponse } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH_BYTES, MAX_BATCH_ROWS } from '../../batches/limits.ts';
import {
  type BatchProblem,
  batchRefusalSchema,
  countsOf,
  SAMPLE_TODAY,
  uploadFile,
  uploadRows,
} from '../../testing/batch-uploads.ts';
import { type CatalogHarness, call, createHarness, seedFarm } from '../../testing/harness.ts';

let h: CatalogHarness;
let farm: { farmId: string; token: string };
beforeAll(async () => {
  h = await createHarness('catalog-batch-input', { clockStart: SAMPLE_TODAY });
  farm = await seedFarm(h);
});
afterAll(async () => {
  expect(await countsOf(h, farm.farmId)).toEqual({ products: 0, offers: 0, lots: 0 });
  await h.close();
});

const HEADER = '로트번호,품목,품종,등급,포장중량kg,과수,수량,판매가,수확일,당도,비고\n';

function problemOf(response: TestResponse): BatchProblem {
  // Row errors come with the 422s; a 400 or 413 is a plain problem, its field errors left out here.
  if (response.status === 422) return { ...response.parse(batchRefusalSchema), status: response.status };
  const { errors: _fieldErrors, ...problem } = response.problem;
  return { ...problem, status: response.status };
}

const codes = (problem: BatchProblem) => problem.errors?.map(({ row, column, code }) => `${row} ${column} ${code}`);

describe('files that are not a harvest batch get a clear 4xx, never a 500', () => {
  it.each([
    { what: 'an empty file', content: '', code: 'empty_file' },
    { what: 'a blank file', content: '\r\n\r\n', code: 'empty_file' },
    { what: 'a header-only file', content: HEADER, code: 'no_rows' },
    {
      what: 'a PNG renamed .csv',
      content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      code: 'not_text',
    },
    {
      what: 'random bytes',
      content: new Uint8Array([0xc3, 0x28, 0xa0, 0xa1, 0xff, 0xfe, 0x80, 0x81]),
      code: 'not_text',
    },
    {
      what: 'an old .xls',
      content: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      code: 'xls_not_supported',
    },
    {
      what: 'a broken zip named .xlsx',
      content: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3, 4, 5]),
      code: 'invalid_xlsx',
    },
    {
      what: 'a UTF-16 export',
      content: new Uint8Array([0xff, 0xfe, 0x5c, 0xb8, 0xb8, 0xd2]),
      code: 'unsupported_encoding',
    },
  ])('$what → 422 $code on row 0', async ({ content, code }) => {
    const problem = await problemOf(await uploadFile(h, farm, content));
    expect(problem).toMatchObject({ status: 422, code: 'batch_invalid' });
    expect(codes(problem)).toEqual([`0  ${code}`]);
  });

  it('reports an unclosed quote with the row it starts on', async () => {
    const problem = await problemOf(await uploadFile(h, farm, `${HEADER}A-1,사과,부사,특,5,,4,"39,000,2026-11-12,,\n`));
    expect(codes(problem)).toEqual(['2  unclosed_quote']);
  });

  it('reports unknown and missing columns on row 1, before looking at any row', async () => {
    const problem = await problemOf(await uploadFile(h, farm, '품목,품종,색깔\n사과,부사,빨강\n'));
    expect(codes(problem)).toEqual([
      '1 색깔 unknown_column',
      '1 등급 missing_column',
      '1 포장중량kg missing_column',
      '1 수량 missing_column',
      '1 판매가 missing_column',
      '1 수확일 missing_column',
    ]);
  });

  it(`refuses more than ${MAX_BATCH_ROWS} rows with the row count`, async () => {
    const row = ',사과,부사,특,5,,1,1000,2026-11-12,,\n';
    const problem = await problemOf(await uploadFile(h, farm, HEADER + row.repeat(MAX_BATCH_ROWS + 1)));
    expect(problem.status).toBe(422);
    expect(codes(problem)).toEqual(['0  too_many_rows']);
    expect(problem.errors?.[0]?.message).toContain(`(this file has ${MAX_BATCH_ROWS + 1})`);
  });

  it('refuses a file over the size limit with 413, also when the request is larger still', async () => {
    const justOver = await uploadFile(h, farm, new Uint8Array(MAX_BATCH_BYTES + 1).fill(0x41));
    expect(await problemOf(justOver)).toMatchObject({ status: 413, code: 'file_too_large' });
    const farOver = await uploadFile(h, farm, new Uint8Array(MAX_BATCH_BYTES * 2).fill(0x41));
    expect(await problemOf(farOver)).toMatchObject({ status: 413, code: 'body_too_large' });
  });

  it('lists at most 1,000 problems and says how many there were', async () => {
    const row = ',사과,부사,최상,5,,1,1000,2026-11-12,,\n';
    const problem = await problemOf(await uploadFile(h, farm, HEADER + row.repeat(1500)));
    expect(problem.errors).toHaveLength(1001);
    expect(problem.errors?.at(-1)).toMatchObject({ row: 0, code: 'too_many_errors' });
  });
});

describe('requests that are not a valid upload', () => {
  const path = () => `/v1/farms/${farm.farmId}/batch-imports`;

  it('answers 400 for JSON of the wrong shape or types', async () => {
    for (const body of [{ rows: 'x' }, { rows: [] }, { rows: [{ 품목: true }] }, { rows: [[1, 2]] }, { file: 'x' }]) {
      const response = await call(h, 'POST', path(), { token: farm.token, body });
      expect(await problemOf(response)).toMatchObject({ status: 400, code: 'validation_failed' });
    }
  });

  it('answers 400 for broken JSON and for a form without a file', async () => {
    const broken = await h.app.request(path(), {
      method: 'POST',
      headers: { authorization: `Bearer ${farm.token}`, 'content-type': 'application/json' },
      body: '{"rows": [',
    });
    expect(broken.status).toBe(400);
    const form = new FormData();
    form.append('file', 'not a file');
    const noFile = await h.client.post(path(), { token: farm.token, body: form });
    expect(await problemOf(noFile)).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('answers 415 for other media types and for no body at all', async () => {
    const text = await h.app.request(path(), {
      method: 'POST',
      headers: { authorization: `Bearer ${farm.token}`, 'content-type': 'text/csv' },
      body: HEADER,
    });
    expect(text.status).toBe(415);
    const empty = await h.app.request(path(), { method: 'POST', headers: { authorization: `Bearer ${farm.token}` } });
    expect(empty.status).toBe(415);
  });

  it('answers 400 for a dryRun that is not true or false', async () => {
    const response = await call(h, 'POST', `${path()}?dryRun=yes`, { token: farm.token, body: { rows: [{}] } });
    expect(response.status).toBe(400);
  });

  it('answers 422 for JSON rows with bad values, naming the key as the column', async () => {
    const problem = await problemOf(
      await uploadRows(h, farm, [
        {
          fruit: '사과',
          variety: '부사',
          grade: '특',
          pack_kg: 5,
          boxes: 0,
          price_krw: 1000,
          harvested_on: '2026-11-12',
        },
      ]),
    );
    expect(codes(problem)).toEqual(['2 boxes not_positive']);
  });
});
