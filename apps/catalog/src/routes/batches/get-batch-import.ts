import { NotFound } from '@fruitables/core';
import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { findImport } from '../../batches/batch-imports.ts';
import { type CatalogApp, farmRouteSecurity, type RouteDeps } from '../deps.ts';
import { batchImportBody, batchImportParams, batchImportSchema } from './schema.ts';

export const getBatchImportRoute = createRoute({
  method: 'get',
  path: '/v1/farms/{farmId}/batch-imports/{importId}',
  tags: ['farmer'],
  summary: 'Progress and outcome of a harvest batch upload',
  description:
    'What the farmer console polls for its progress bar: `status` running → succeeded or failed, `processedRows` of `totalRows`, the counts, and for a failed import every problem in `errors`. While running, `Retry-After` suggests when to ask again. An import left running by a server that stopped is reported failed (`interrupted`) once the service restarts; it wrote nothing.',
  ...farmRouteSecurity,
  request: { params: batchImportParams },
  responses: {
    200: {
      description: 'The import',
      content: {
        'application/json': {
          schema: batchImportSchema,
          example: {
            id: '0196f0c2-7b3a-7c1e-8f00-000000000050',
            farmId: '0196f0c2-7b3a-7c1e-8f00-000000000003',
            status: 'running',
            dryRun: false,
            format: 'csv',
            fileName: '2026-11-수확.csv',
            totalRows: 10000,
            processedRows: 4000,
            lotsCreated: 0,
            productsCreated: 0,
            offersCreated: 0,
            pricesChanged: 0,
            errors: [],
            createdAt: '2026-11-21T03:00:00.000Z',
            finishedAt: null,
          },
        },
      },
    },
    ...problemResponses(400, 401, 404),
  },
});

const importNotFound = () =>
  new NotFound('가져오기 기록을 찾을 수 없습니다. No batch import with this id.', 'batch_import_not_found');

export function registerGetBatchImport(app: CatalogApp, deps: RouteDeps): void {
  app.openapi({ ...getBatchImportRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId, importId } = c.req.valid('param');
    const batch = await findImport(deps.ctx.db, farmId, importId);
    if (!batch) throw importNotFound();
    c.header('cache-control', 'no-store');
    if (batch.status === 'running') c.header('retry-after', '1');
    return c.json(batchImportBody(batch), 200);
  });
}
