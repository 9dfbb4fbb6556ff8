import { Conflict, farmNotFound, newId, TooLarge } from '@fruitables/core';
import { farms } from '@fruitables/schema-catalog';
import { eq } from 'drizzle-orm';
import type { DomainContext } from '../domain/context.ts';
import { seoulToday } from '../domain/stock-state.ts';
import {
  type BatchImport,
  claimImport,
  findImportOfContent,
  type ImportIdentity,
  recordDryRun,
  recordRejectedImport,
} from './batch-imports.ts';
import type { BatchJobs } from './batch-job.ts';
import { mapColumns } from './columns.ts';
import { loadFarmState, loadMaxAges } from './farm-state.ts';
import { importBatch } from './import-batch.ts';
import { MAX_BATCH_BYTES } from './limits.ts';
import { type BatchPlan, planBatch } from './plan-batch.ts';
import { type Cell, readJsonRows, readUploadedFile, type TableResult } from './read-table.ts';
import { BatchRejected, type BatchRowError, reportOf } from './row-errors.ts';
import { type BatchRow, validateRows } from './validate-rows.ts';

export interface BatchUpload {
  farmId: string;
  accountId: string;
  dryRun: boolean;
  /** The uploaded file's name (shown in the history), or '' for JSON rows. */
  fileName: string;
  content: { kind: 'file'; bytes: Uint8Array } | { kind: 'rows'; rows: Record<string, Cell>[] };
}

export type BatchSubmission =
  /** A new import is running: poll it. */
  | { outcome: 'started'; batch: BatchImport }
  /** The farm already imported (or is importing) this exact content: that import. */
  | { outcome: 'existing'; batch: BatchImport }
  /** A dry run: what the import would do; nothing but the dry run's own record was written. */
  | { outcome: 'previewed'; batch: BatchImport; plan: BatchPlan };

export const fileTooLarge = () =>
  new TooLarge(
    `파일은 ${MAX_BATCH_BYTES / 1024 / 1024}MB까지 올릴 수 있습니다. Upload at most ${MAX_BATCH_BYTES / 1024 / 1024} MB; split the file.`,
    'file_too_large',
  );

function contentHashOf(upload: BatchUpload): string {
  const bytes =
    upload.content.kind === 'file'
      ? upload.content.bytes
      : new TextEncoder().encode(`json:${JSON.stringify(upload.content.rows)}`);
  return new Bun.CryptoHasher('sha256').update(bytes).digest('hex');
}

type Checked = { rows: BatchRow[]; plan: BatchPlan; lotCodeColumn: string } | { errors: BatchRowError[] };

/** Parses and checks the whole upload in memory against the farm's current catalog. */
async function checkUpload(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  farmId: string,
  read: TableResult,
): Promise<Checked> {
  if ('errors' in read) return { errors: read.errors };
  const { columns, errors: headerErrors } = mapColumns(read.table.header);
  if (headerErrors.length > 0) return { errors: headerErrors };
  const maxAgeDays = await loadMaxAges(ctx.db, ctx.stock);
  const { rows, errors } = validateRows(read.table, columns, { today: seoulToday(ctx.clock.now()), maxAgeDays });
  if (errors.length > 0) return { errors };
  const lotCodeColumn = columns.header.lotCode ?? '로트번호';
  const planned = planBatch(rows, await loadFarmState(ctx.db, farmId, rows), lotCodeColumn);
  if (planned.errors.length > 0) return { errors: planned.errors };
  return { rows, plan: planned.plan, lotCodeColumn };
}

/**
 * Takes a harvest batch upload. Everything is checked in the request (fast: in memory, plus a
 * few set-based reads), so a bad file is refused at once with its full report (422) and
 * imports nothing. A good file becomes a running import written by a background job; the
 * same content uploaded again answers with the earlier import instead of importing twice.
 */
export async function submitBatch(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  jobs: BatchJobs,
  upload: BatchUpload,
): Promise<BatchSubmission> {
  const { farmId } = upload;
  const [farm] = await ctx.db.select({ id: farms.id }).from(farms).where(eq(farms.id, farmId));
  if (!farm) throw farmNotFound();
  if (upload.content.kind === 'file' && upload.content.bytes.length > MAX_BATCH_BYTES) throw fileTooLarge();
  const contentHash = contentHashOf(upload);
  if (!upload.dryRun) {
    const earlier = await findImportOfContent(ctx.db, farmId, contentHash);
    if (earlier) return { outcome: 'existing', batch: earlier };
  }

  const read =
    upload.content.kind === 'file' ? await readUploadedFile(upload.content.bytes) : readJsonRows(upload.content.rows);
  const identity: ImportIdentity = {
    id: newId(),
    farmId,
    accountId: upload.accountId,
    contentHash,
    fileName: upload.fileName,
    format: 'table' in read ? read.table.format : read.format,
    dryRun: upload.dryRun,
  };
  const totalRows = 'table' in read ? read.table.rows.length : 0;
  const checked = await checkUpload(ctx, farmId, read);
  if ('errors' in checked) {
    const report = reportOf(checked.errors);
    await recordRejectedImport(ctx.db, identity, totalRows, report, ctx.clock.now());
    throw new BatchRejected(identity.id, report);
  }

  const { plan } = checked;
  if (upload.dryRun) {
    const batch = await recordDryRun(
      ctx.db,
      identity,
      {
        totalRows,
        lotsCreated: plan.lots.length,
        productsCreated: plan.newProducts.length,
        offersCreated: plan.newOffers.length,
        pricesChanged: plan.priceChanges.length,
      },
      ctx.clock.now(),
    );
    return { outcome: 'previewed', batch, plan };
  }

  let started: BatchImport | undefined;
  const claimed = await jobs.launch({
    importId: identity.id,
    claim: async () => {
      started = await claimImport(ctx.db, identity, totalRows, ctx.clock.now());
      return started !== undefined;
    },
    write: (tx, progress) =>
      importBatch(
        ctx,
        tx,
        { importId: identity.id, farmId, rows: checked.rows, lotCodeColumn: checked.lotCodeColumn },
        progress,
      ),
  });
  if (claimed && started) return { outcome: 'started', batch: started };
  // Another upload of the same file claimed it between our check and our insert.
  const earlier = await findImportOfContent(ctx.db, farmId, contentHash);
  if (earlier) return { outcome: 'existing', batch: earlier };
  throw new Conflict(
    '같은 파일을 동시에 올리는 중입니다. 잠시 후 다시 시도해 주세요. The same file is being uploaded at the same time; try again in a moment.',
    'batch_in_progress',
  );
}
