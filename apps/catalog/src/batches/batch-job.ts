import type { Clock } from '@fruitables/core';
import { advisoryLockKey, isUniqueViolation, lockForTransaction } from '@fruitables/db';
import type { BatchRowError } from '@fruitables/schema-catalog';
import { batchImports } from '@fruitables/schema-catalog';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { CatalogDb } from '../domain/context.ts';
import { markImportFailed, reportProgress } from './batch-imports.ts';
import { BatchRejected, concurrentChange, fileError, problem, reportOf } from './row-errors.ts';

/** One import's writing work, run in a transaction that holds the import's advisory lock. */
export interface BatchJob {
  importId: string;
  /**
   * Records the import as running (committed, outside the job's transaction), once the lock
   * is held. Returns false when another import of the same file got there first: the job
   * then does nothing.
   */
  claim(): Promise<boolean>;
  /** Writes the import in `tx`, telling `progress` how many rows are written so far. */
  write(tx: CatalogDb, progress: (processedRows: number) => void): Promise<void>;
}

/** The imports this process is writing, so shutdown can wait for them. */
export interface BatchJobs {
  /** Starts the job; resolves with `claim`'s answer as soon as it is known, while the writing goes on. */
  launch(job: BatchJob): Promise<boolean>;
  /** Resolves once every job this process started has ended (shutdown, tests). */
  drain(): Promise<void>;
  /** Marks imports whose process died mid-way as failed (`interrupted`); returns how many. */
  failInterrupted(): Promise<number>;
}

// Every import's lock lives in this advisory-lock space, keyed by its id. A running import's
// lock is held by its open transaction, so a free lock on a "running" row means the process
// that wrote it is gone (PostgreSQL releases a dead session's locks and rolls it back).
const IMPORT_LOCKS = 'catalog.batch_imports';

const interrupted = (): BatchRowError[] => [
  fileError(
    problem(
      'interrupted',
      '서버가 가져오기 도중 멈춰 아무것도 등록되지 않았습니다. 파일을 다시 올려 주세요.',
      'The server stopped during the import, so nothing was imported. Upload the file again.',
    ),
  ),
];

function failureReport(error: unknown, logger: Logger, importId: string): BatchRowError[] {
  if (error instanceof BatchRejected) return reportOf(error.rowErrors);
  if (isUniqueViolation(error)) return [concurrentChange()];
  logger.error({ err: error, importId }, 'batch import failed');
  return [
    fileError(
      problem(
        'import_failed',
        '가져오기 중 서버 오류가 나서 아무것도 등록하지 않았습니다. 잠시 후 다시 올려 주세요.',
        'The import failed on our side and nothing was imported. Try again in a moment.',
      ),
    ),
  ];
}

/**
 * Background batch imports, tracked in process. Each runs in ONE transaction: on any error it
 * rolls back to a savepoint and records the failure in the same transaction, so an import
 * either wrote everything and says succeeded, or wrote nothing and says failed.
 */
export interface BatchJobsOptions {
  db: CatalogDb;
  logger: Logger;
  clock: Clock;
  /**
   * Imports writing at once in this process; later ones wait their turn before they open
   * their transaction (their upload request waits too). Each holds a pool connection for its
   * transaction and briefly needs another to record itself as running: keeping this well
   * below the pool size is what keeps concurrent uploads from taking every connection and
   * then waiting on each other for one more.
   */
  maxConcurrent?: number;
}

/** A counting semaphore: `acquire` resolves when a slot is free; `release` hands it to the next in line. */
function createSlots(size: number) {
  let free = size;
  const waiting: (() => void)[] = [];
  return {
    async acquire(): Promise<void> {
      if (free > 0) {
        free--;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

export function createBatchJobs(deps: BatchJobsOptions): BatchJobs {
  const running = new Set<Promise<void>>();
  const slots = createSlots(deps.maxConcurrent ?? 2);

  const run = async (job: BatchJob, answer: (claimed: boolean) => void): Promise<void> => {
    await slots.acquire();
    let claimed = false;
    // Progress goes out on another pool connection and the transaction does not wait for it:
    // a busy pool may delay the progress bar, never the import.
    const updates = new Set<Promise<void>>();
    const progress = (processedRows: number) => {
      const update = reportProgress(deps.db, job.importId, processedRows).catch((error: unknown) =>
        deps.logger.warn({ err: error, importId: job.importId }, 'could not record batch import progress'),
      );
      updates.add(update);
      void update.finally(() => updates.delete(update));
    };
    try {
      await deps.db.transaction(async (tx) => {
        await lockForTransaction(tx, IMPORT_LOCKS, job.importId);
        claimed = await job.claim();
        answer(claimed);
        if (!claimed) return;
        try {
          await tx.transaction((work) => job.write(work, progress));
        } catch (error) {
          await markImportFailed(tx, job.importId, failureReport(error, deps.logger, job.importId), deps.clock.now());
        }
      });
    } catch (error) {
      if (!claimed) throw error;
      // The transaction itself broke (connection lost): nothing was written. Say so if we can;
      // if not, the row stays running with its lock free, and failInterrupted finds it.
      deps.logger.error({ err: error, importId: job.importId }, 'batch import transaction failed');
      await markImportFailed(
        deps.db,
        job.importId,
        failureReport(error, deps.logger, job.importId),
        deps.clock.now(),
      ).catch((cause: unknown) =>
        deps.logger.error({ err: cause, importId: job.importId }, 'could not record the failed import'),
      );
    } finally {
      slots.release();
      await Promise.allSettled([...updates]);
    }
  };

  return {
    launch(job) {
      return new Promise<boolean>((resolve, reject) => {
        const done = run(job, resolve).catch(reject);
        running.add(done);
        void done.finally(() => running.delete(done));
      });
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async failInterrupted() {
      const failed = await deps.db
        .update(batchImports)
        .set({ status: 'failed', errors: interrupted(), finishedAt: deps.clock.now() })
        // CASE fixes the evaluation order: only running rows try the lock (every try holds one till commit).
        .where(
          sql`case when ${batchImports.status} = 'running' then pg_try_advisory_xact_lock(${advisoryLockKey(IMPORT_LOCKS, batchImports.id)}) else false end`,
        )
        .returning({ id: batchImports.id });
      if (failed.length > 0)
        deps.logger.warn({ importIds: failed.map((row) => row.id) }, 'marked interrupted batch imports failed');
      return failed.length;
    },
  };
}
