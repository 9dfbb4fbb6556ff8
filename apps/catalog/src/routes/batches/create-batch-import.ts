import { UnsupportedType } from '@fruitables/core';
import { principalOf, problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { MAX_BATCH_BYTES, MAX_BATCH_ROWS } from '../../batches/limits.ts';
import { BatchRejected } from '../../batches/row-errors.ts';
import { type BatchUpload, fileTooLarge, submitBatch } from '../../batches/submit-batch.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';
import {
  batchFileForm,
  batchImportBody,
  batchImportSchema,
  batchProblemSchema,
  batchRowsBody,
  dryRunQuery,
  statusLocation,
} from './schema.ts';

const locationHeader = {
  location: { schema: { type: 'string' as const }, description: 'The status endpoint, relative to this URL' },
};

export const createBatchImportRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/batch-imports',
  tags: ['farmer'],
  summary: 'Upload a harvest batch (CSV, XLSX or JSON rows)',
  description: [
    'Each row is a lot of the offer (fruit, variety, grade, pack kg) on this farm; a missing product or offer is created and published, a different price reprices the offer (OfferPriceChanged).',
    'Columns (Korean or English header): 로트번호/lot_code (empty: generated, e.g. H261112-001), 품목/fruit, 품종/variety, 등급/grade (특, 상, 보통, 못난이), 포장중량kg/pack_kg, 과수/count_per_box, 수량/boxes, 판매가/price_krw ("39,000" is fine), 수확일/harvested_on (2026-11-12 or 2026.11.12), 당도/brix, 비고/note.',
    `The whole upload is checked first; any problem answers 422 with every problem (row, column, Korean and English message) and imports nothing. Otherwise 202: the import runs in the background in one transaction; poll the Location for progress. The same file again answers 200 with the earlier import. At most ${MAX_BATCH_BYTES / 1024 / 1024} MB (413) and ${MAX_BATCH_ROWS} rows.`,
    '`?dryRun=true` answers 200 with the plan (new products, new offers, price changes, lots) and writes none of them.',
  ].join('\n\n'),
  ...farmRouteSecurity,
  request: {
    params: farmParams,
    query: dryRunQuery,
    // Not `required`: hono validates a body only for the media type the request names, and a
    // request must name exactly one of these two; the handler refuses one that names neither.
    body: {
      required: false,
      description: 'A file as multipart/form-data (`file`), or the rows as JSON.',
      content: {
        'multipart/form-data': { schema: batchFileForm },
        'application/json': { schema: batchRowsBody },
      },
    },
  },
  responses: {
    202: {
      description: 'Accepted: the import is running; poll the Location',
      headers: locationHeader,
      content: { 'application/json': { schema: batchImportSchema } },
    },
    200: {
      description: 'A dry run with its `plan`, or the earlier import of this same file (nothing imported again)',
      headers: locationHeader,
      content: { 'application/json': { schema: batchImportSchema } },
    },
    422: {
      description:
        'The upload has problems; nothing was imported. The Location is the failed import, which keeps this report.',
      headers: locationHeader,
      content: {
        'application/problem+json': {
          schema: batchProblemSchema,
          example: {
            type: 'https://fruitables.kr/problems/batch_invalid',
            title: 'Unprocessable Content',
            status: 422,
            code: 'batch_invalid',
            detail:
              '파일에 오류가 2건 있어 아무것도 등록하지 않았습니다. Nothing was imported: fix the 2 problem(s) listed in `errors` and upload the file again.',
            requestId: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b',
            errors: [
              {
                field: 'row 3 · grade',
                row: 3,
                column: 'grade',
                code: 'unknown_grade',
                message:
                  "3행 'grade': '최상'은(는) 알 수 없는 등급입니다. 등급은 특, 상, 보통, 못난이 중 하나입니다. Row 3, column 'grade': Unknown grade '최상'; use one of 특, 상, 보통, 못난이.",
              },
              {
                field: 'row 4 · boxes',
                row: 4,
                column: 'boxes',
                code: 'not_positive',
                message:
                  "4행 'boxes': 수량은(는) 1 이상이어야 합니다 (입력값 -4). Row 4, column 'boxes': The number of boxes must be at least 1 (got -4).",
              },
            ],
          },
        },
      },
    },
    ...problemResponses(400, 401, 404, 409, 413, 415),
  },
});

const unsupportedMediaType = () =>
  new UnsupportedType(
    'multipart/form-data(file) 또는 application/json(rows)으로 보내 주세요. Send multipart/form-data with a `file`, or application/json with `rows`.',
    'unsupported_media_type',
  );

export function registerCreateBatchImport(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...createBatchImportRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId } = c.req.valid('param');
    // Only the body matching the request's media type was validated; the other one is `{}`.
    const form = c.req.valid('form');
    const json = c.req.valid('json');
    let content: BatchUpload['content'];
    let fileName = '';
    if ('file' in form) {
      if (form.file.size > MAX_BATCH_BYTES) throw fileTooLarge();
      content = { kind: 'file', bytes: new Uint8Array(await form.file.arrayBuffer()) };
      fileName = form.file.name.slice(0, 200);
    } else if ('rows' in json) {
      content = { kind: 'rows', rows: json.rows };
    } else {
      throw unsupportedMediaType();
    }
    try {
      const submission = await submitBatch(deps.ctx, deps.batchJobs, {
        farmId,
        accountId: principalOf(c).subject,
        dryRun: c.req.valid('query').dryRun === 'true',
        fileName,
        content,
      });
      c.header('location', statusLocation(submission.batch));
      if (submission.outcome === 'started') return c.json(batchImportBody(submission.batch), 202);
      if (submission.outcome === 'previewed') return c.json(batchImportBody(submission.batch, submission.plan), 200);
      return c.json(batchImportBody(submission.batch), 200);
    } catch (error) {
      // The kit answers the problem; the Location set here leads to the failed import kept with the report.
      if (error instanceof BatchRejected) c.header('location', `batch-imports/${error.importId}`);
      throw error;
    }
  });
}
