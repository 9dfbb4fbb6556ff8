import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, farms } from './farms.ts';
import { catalog } from './namespace.ts';

export const batchImportStatuses = ['running', 'succeeded', 'failed'] as const;
export type BatchImportStatus = (typeof batchImportStatuses)[number];
export const batchImportFormats = ['csv', 'xlsx', 'json'] as const;
export type BatchImportFormat = (typeof batchImportFormats)[number];

/** One problem with one field of one row of an uploaded batch, in Korean and English. */
export interface BatchRowError {
  /** 1-based data row number as the farmer sees it in the spreadsheet (header = row 1), or 0 for the whole file. */
  row: number;
  /** The column as written in the file's header (or the canonical English name). */
  column: string;
  code: string;
  message: string;
}

/**
 * A harvest batch upload (or its dry run). Rows are validated and imported by a job whose
 * progress is this row, so the farmer console can poll it for a progress bar; a failed
 * import keeps its full error report and created nothing.
 */
export const batchImports = catalog.table(
  'batch_imports',
  {
    id: uuid('id').primaryKey(),
    farmId: uuid('farm_id')
      .notNull()
      .references(() => farms.id),
    /** The account that uploaded the file. */
    accountId: uuid('account_id').notNull(),
    /** SHA-256 of the uploaded bytes: the same file uploaded again finds this import. */
    contentHash: text('content_hash').notNull(),
    fileName: text('file_name').notNull().default(''),
    format: text('format').$type<BatchImportFormat>().notNull(),
    dryRun: boolean('dry_run').notNull(),
    status: text('status').$type<BatchImportStatus>().notNull().default('running'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    lotsCreated: integer('lots_created').notNull().default(0),
    productsCreated: integer('products_created').notNull().default(0),
    offersCreated: integer('offers_created').notNull().default(0),
    pricesChanged: integer('prices_changed').notNull().default(0),
    errors: jsonb('errors').$type<BatchRowError[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [
    // At most one real import per farm and file content: a re-upload, even a concurrent
    // one, finds the first instead of creating the lots twice.
    uniqueIndex('batch_imports_farm_content_key')
      .on(table.farmId, table.contentHash)
      .where(sql`not ${table.dryRun} and ${table.status} <> 'failed'`),
    index('batch_imports_farm_created_idx').on(table.farmId, table.createdAt),
    check('batch_imports_status_known', sql`${table.status} in ('running', 'succeeded', 'failed')`),
    check('batch_imports_format_known', sql`${table.format} in ('csv', 'xlsx', 'json')`),
    check('batch_imports_progress_within_total', sql`${table.processedRows} <= ${table.totalRows}`),
  ],
);
