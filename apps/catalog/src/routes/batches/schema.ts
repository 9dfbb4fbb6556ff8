import { problemSchema } from '@fruitables/kit';
import { batchImportFormats, batchImportStatuses, grades } from '@fruitables/schema-catalog';
import { z } from '@hono/zod-openapi';
import type { BatchImport } from '../../batches/batch-imports.ts';
import { MAX_BATCH_BYTES, MAX_BATCH_ROWS } from '../../batches/limits.ts';
import type { BatchPlan } from '../../batches/plan-batch.ts';
import { FARM_ID } from '../../contract/examples.ts';

export const BATCH_IMPORT_ID = '0196f0c2-7b3a-7c1e-8f00-000000000050';

export const batchImportParams = z.object({
  farmId: z
    .uuid('farmId가 올바른 ID가 아닙니다. Not a valid id.')
    .openapi({ param: { name: 'farmId', in: 'path' }, example: FARM_ID }),
  importId: z
    .uuid('importId가 올바른 ID가 아닙니다. Not a valid id.')
    .openapi({ param: { name: 'importId', in: 'path' }, example: BATCH_IMPORT_ID }),
});

export const dryRunQuery = z.object({
  dryRun: z
    .enum(['true', 'false'], 'dryRun은 true 또는 false입니다. Use dryRun=true or dryRun=false.')
    .default('false')
    .openapi({
      param: { name: 'dryRun', in: 'query' },
      example: 'true',
      description: 'true: check the file and answer with what the import would do, writing nothing.',
    }),
});

export const batchFileForm = z
  .object({
    file: z
      .instanceof(File, { message: 'file 필드에 파일을 첨부하세요. Attach the file in the `file` field.' })
      .openapi({
        type: 'string',
        format: 'binary',
        description: `CSV (UTF-8 with or without BOM, or CP949 as Korean Excel saves it) or XLSX (first sheet), at most ${MAX_BATCH_BYTES / 1024 / 1024} MB and ${MAX_BATCH_ROWS} rows.`,
      }),
  })
  .strict()
  .openapi('BatchFileUpload');

const cell = z.union([z.string(), z.number(), z.null()]);

export const batchRowsBody = z
  .object({
    rows: z
      .array(z.record(z.string(), cell), 'rows는 행 객체의 배열입니다. `rows` is an array of row objects.')
      .min(1, '등록할 행을 하나 이상 보내세요. Send at least one row.')
      .openapi({
        description:
          'One object per row, keyed by the same column names as a file (Korean or English); values are strings, numbers or null. rows[0] is reported as row 2, as if under a header row.',
        example: [
          {
            로트번호: 'CJ-2611-001',
            품목: '사과',
            품종: '부사',
            등급: '특',
            포장중량kg: 5,
            과수: 16,
            수량: 40,
            판매가: '39,000',
            수확일: '2026.11.12',
            당도: 15.2,
            비고: '충주 산척면 과원',
          },
          {
            lot_code: '',
            fruit: '사과',
            variety: '부사',
            grade: '상',
            pack_kg: 5,
            boxes: 60,
            price_krw: 32000,
            harvested_on: '2026-11-12',
          },
        ],
      }),
  })
  .strict()
  .openapi('BatchRows');

export const batchRowErrorSchema = z
  .object({
    row: z.number().int().openapi({ example: 3, description: 'Spreadsheet row (header = 1); 0 for the whole file' }),
    column: z
      .string()
      .openapi({ example: '등급', description: 'The column as the file names it; empty for the whole file' }),
    code: z.string().openapi({ example: 'unknown_grade' }),
    message: z.string().openapi({
      example:
        "3행 '등급': '최상'은(는) 알 수 없는 등급입니다. 등급은 특, 상, 보통, 못난이 중 하나입니다. Row 3, column '등급': Unknown grade '최상'; use one of 특, 상, 보통, 못난이.",
    }),
  })
  .openapi('BatchRowError');

const lotPlan = z.object({
  row: z.number().int(),
  lotCode: z.string(),
  generated: z.boolean().openapi({ description: 'The file left the lot code empty; this one was generated' }),
  fruit: z.string(),
  variety: z.string(),
  grade: z.enum(grades),
  packKg: z.number(),
  harvestedOn: z.iso.date(),
  boxes: z.number().int(),
  brix: z.number().nullable(),
  note: z.string(),
});

export const batchPlanSchema = z
  .object({
    newProducts: z.array(z.object({ fruit: z.string(), variety: z.string() })),
    newOffers: z.array(
      z.object({
        fruit: z.string(),
        variety: z.string(),
        grade: z.enum(grades),
        packKg: z.number(),
        countPerBox: z.number().int().nullable(),
        priceKrw: z.number().int(),
      }),
    ),
    priceChanges: z.array(
      z.object({
        offerId: z.uuid(),
        fruit: z.string(),
        variety: z.string(),
        grade: z.enum(grades),
        packKg: z.number(),
        previousPriceKrw: z.number().int(),
        priceKrw: z.number().int(),
      }),
    ),
    lots: z.array(lotPlan),
  })
  .openapi('BatchPlan', { description: 'What the import would do (dry runs only)' });

export const batchImportSchema = z
  .object({
    id: z.uuid().openapi({ example: BATCH_IMPORT_ID }),
    farmId: z.uuid().openapi({ example: FARM_ID }),
    status: z.enum(batchImportStatuses).openapi({ example: 'running' }),
    dryRun: z.boolean().openapi({ example: false }),
    format: z.enum(batchImportFormats).openapi({ example: 'csv' }),
    fileName: z.string().openapi({ example: '2026-11-수확.csv' }),
    totalRows: z.number().int().openapi({ example: 10000 }),
    processedRows: z
      .number()
      .int()
      .openapi({ example: 4000, description: 'Rows written so far: processedRows / totalRows is the progress bar' }),
    lotsCreated: z.number().int().openapi({ example: 0, description: 'For a dry run: what the import would create' }),
    productsCreated: z.number().int().openapi({ example: 0 }),
    offersCreated: z.number().int().openapi({ example: 0 }),
    pricesChanged: z.number().int().openapi({ example: 0 }),
    errors: z.array(batchRowErrorSchema).openapi({ description: 'Why a failed import imported nothing' }),
    createdAt: z.iso.datetime().openapi({ example: '2026-11-21T03:00:00.000Z' }),
    finishedAt: z.iso.datetime().nullable().openapi({ example: null }),
    plan: batchPlanSchema.optional(),
  })
  .openapi('BatchImport');

export const batchProblemSchema = problemSchema
  .extend({
    importId: z
      .uuid()
      .nullable()
      .openapi({ example: BATCH_IMPORT_ID, description: 'The failed import, kept with this report' }),
    errors: z.array(batchRowErrorSchema.extend({ field: z.string().openapi({ example: 'row 3 · 등급' }) })),
  })
  .openapi('BatchProblem');

export function batchImportBody(batch: BatchImport, plan?: BatchPlan): z.infer<typeof batchImportSchema> {
  return {
    id: batch.id,
    farmId: batch.farmId,
    status: batch.status,
    dryRun: batch.dryRun,
    format: batch.format,
    fileName: batch.fileName,
    totalRows: batch.totalRows,
    processedRows: batch.processedRows,
    lotsCreated: batch.lotsCreated,
    productsCreated: batch.productsCreated,
    offersCreated: batch.offersCreated,
    pricesChanged: batch.pricesChanged,
    errors: batch.errors,
    createdAt: batch.createdAt.toISOString(),
    finishedAt: batch.finishedAt?.toISOString() ?? null,
    ...(plan ? { plan: planBody(plan) } : {}),
  };
}

function planBody(plan: BatchPlan): z.infer<typeof batchPlanSchema> {
  return {
    newProducts: plan.newProducts.map(({ fruit, variety }) => ({ fruit, variety })),
    newOffers: plan.newOffers.map(({ fruit, variety, grade, packKg, countPerBox, priceKrw }) => ({
      fruit,
      variety,
      grade,
      packKg,
      countPerBox,
      priceKrw,
    })),
    priceChanges: plan.priceChanges.map((change) => ({
      offerId: change.offer.id,
      fruit: change.fruit,
      variety: change.variety,
      grade: change.grade,
      packKg: change.packKg,
      previousPriceKrw: change.previousPriceKrw,
      priceKrw: change.priceKrw,
    })),
    lots: plan.lots.map(
      ({ row, lotCode, generated, fruit, variety, grade, packKg, harvestedOn, boxes, brix, note }) => ({
        row,
        lotCode,
        generated,
        fruit,
        variety,
        grade,
        packKg,
        harvestedOn,
        boxes,
        brix,
        note,
      }),
    ),
  };
}

/** Where the import's status is, relative to the upload URL so it resolves through the edge's /api/catalog prefix too. */
export const statusLocation = (batch: BatchImport) => `batch-imports/${batch.id}`;
