import type { UploadLimit } from '@fruitables/kit';

/** The largest file (or JSON body) one upload may carry: 20,000 rows of a CSV take about 1.5 MB. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;

/** The upload route's body limit: the file plus room for the multipart envelope. */
export const batchUploadLimit: UploadLimit = {
  path: /^\/v1\/farms\/[^/]+\/batch-imports$/,
  bytes: MAX_BATCH_BYTES + 64 * 1024,
};

/** Rows one upload may hold; a whole season of one farm fits, a runaway export does not. */
export const MAX_BATCH_ROWS = 20_000;

/** The report lists at most this many problems, so a file that is wrong everywhere still answers quickly. */
export const MAX_REPORTED_ERRORS = 1_000;

/** Lots inserted per statement; processedRows advances after each chunk. */
export const LOT_CHUNK_ROWS = 1_000;

/**
 * Lots per HarvestBatchPublished event. One event per 10,000-lot upload would be a
 * multi-megabyte stream entry every consumer must hold in memory at once; 500 lots keep an
 * event around 100 KB, and a consumer sees the same lots whichever way they are split.
 */
export const LOTS_PER_HARVEST_EVENT = 500;

/** An XLSX is a zip: more unpacked bytes than this is refused before anything is inflated (zip bombs). */
export const MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024;
