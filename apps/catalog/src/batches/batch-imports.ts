import { type BatchImportFormat, type BatchRowError, batchImports } from '@fruitables/schema-catalog';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { CatalogDb } from '../domain/context.ts';

export type BatchImport = typeof batchImports.$inferSelect;

/** What every import row records about the upload itself. */
export interface ImportIdentity {
  id: string;
  farmId: string;
  accountId: string;
  contentHash: string;
  fileName: string;
  format: BatchImportFormat;
  dryRun: boolean;
}

export async function findImport(db: CatalogDb, farmId: string, importId: string): Promise<BatchImport | undefined> {
  const [row] = await db
    .select()
    .from(batchImports)
    .where(and(eq(batchImports.id, importId), eq(batchImports.farmId, farmId)));
  return row;
}

/** The farm's real (not dry-run) import of this content that is running or succeeded, if any. */
export async function findImportOfContent(
  db: CatalogDb,
  farmId: string,
  contentHash: string,
): Promise<BatchImport | undefined> {
  const [row] = await db
    .select()
    .from(batchImports)
    .where(
      and(
        eq(batchImports.farmId, farmId),
        eq(batchImports.contentHash, contentHash),
        eq(batchImports.dryRun, false),
        ne(batchImports.status, 'failed'),
      ),
    );
  return row;
}

/** An upload refused before any writing: recorded failed with its report, so it shows in the farm's history. */
export async function recordRejectedImport(
  db: CatalogDb,
  identity: ImportIdentity,
  totalRows: number,
  errors: BatchRowError[],
  now: Date,
): Promise<void> {
  await db
    .insert(batchImports)
    .values({ ...identity, status: 'failed', totalRows, errors, createdAt: now, finishedAt: now });
}

export interface ImportCounts {
  totalRows: number;
  lotsCreated: number;
  productsCreated: number;
  offersCreated: number;
  pricesChanged: number;
}

/** A dry run finishes in the request: recorded with what the import would have created. */
export async function recordDryRun(
  db: CatalogDb,
  identity: ImportIdentity,
  counts: ImportCounts,
  now: Date,
): Promise<BatchImport> {
  const [row] = await db
    .insert(batchImports)
    .values({
      ...identity,
      ...counts,
      status: 'succeeded',
      processedRows: counts.totalRows,
      createdAt: now,
      finishedAt: now,
    })
    .returning();
  if (!row) throw new Error('insert returned no batch import');
  return row;
}

/**
 * Records a real import as running, unless the farm already has a running or succeeded
 * import of the same content (the partial unique index decides, so two concurrent uploads
 * of one file cannot both get here): then nothing is inserted and undefined is returned.
 */
export async function claimImport(
  db: CatalogDb,
  identity: ImportIdentity,
  totalRows: number,
  now: Date,
): Promise<BatchImport | undefined> {
  const [row] = await db
    .insert(batchImports)
    .values({ ...identity, status: 'running', totalRows, createdAt: now })
    .onConflictDoNothing({
      target: [batchImports.farmId, batchImports.contentHash],
      where: sql`not ${batchImports.dryRun} and ${batchImports.status} <> 'failed'`,
    })
    .returning();
  return row;
}

/**
 * Progress for the status endpoint, written outside the import's transaction so pollers see
 * it before the commit. Never backwards: updates sent one after another may land out of order.
 */
export async function reportProgress(db: CatalogDb, importId: string, processedRows: number): Promise<void> {
  await db
    .update(batchImports)
    .set({ processedRows: sql`greatest(${batchImports.processedRows}, ${processedRows})` })
    .where(eq(batchImports.id, importId));
}

/** Ends a running import as failed; an import that already ended keeps its outcome. */
export async function markImportFailed(
  db: CatalogDb,
  importId: string,
  errors: BatchRowError[],
  now: Date,
): Promise<void> {
  await db
    .update(batchImports)
    .set({ status: 'failed', errors, finishedAt: now })
    .where(and(eq(batchImports.id, importId), eq(batchImports.status, 'running')));
}

/** Ends a running import as succeeded, in the transaction that wrote it; false if it no longer runs. */
export async function markImportSucceeded(
  tx: CatalogDb,
  importId: string,
  counts: Omit<ImportCounts, 'totalRows'>,
  now: Date,
): Promise<boolean> {
  const updated = await tx
    .update(batchImports)
    .set({ ...counts, status: 'succeeded', processedRows: sql`${batchImports.totalRows}`, finishedAt: now })
    .where(and(eq(batchImports.id, importId), eq(batchImports.status, 'running')))
    .returning({ id: batchImports.id });
  return updated.length > 0;
}
