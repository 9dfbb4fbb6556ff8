import { Unprocessable } from '@fruitables/core';
import type { BatchRowError } from '@fruitables/schema-catalog';
import { MAX_REPORTED_ERRORS } from './limits.ts';

export type { BatchRowError };

/** What is wrong with one value, in Korean (what the farmer console shows first) and English. */
export interface Problem {
  code: string;
  ko: string;
  en: string;
}

export const problem = (code: string, ko: string, en: string): Problem => ({ code, ko, en });

/** A problem with one cell: the message names the row and the column as the file wrote them. */
export function cellError(row: number, column: string, { code, ko, en }: Problem): BatchRowError {
  return { row, column, code, message: `${row}행 '${column}': ${ko} Row ${row}, column '${column}': ${en}` };
}

/** A problem with the header row (row 1) about one column. */
export function headerError(column: string, { code, ko, en }: Problem): BatchRowError {
  return { row: 1, column, code, message: `1행(제목 행) '${column}': ${ko} Row 1 (header), column '${column}': ${en}` };
}

/** A problem with the file as a whole: row 0, no column. */
export function fileError({ code, ko, en }: Problem): BatchRowError {
  return { row: 0, column: '', code, message: `${ko} ${en}` };
}

/** Keeps the first MAX_REPORTED_ERRORS problems, in row order, and says so when more were left out. */
export function reportOf(errors: readonly BatchRowError[]): BatchRowError[] {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  if (sorted.length <= MAX_REPORTED_ERRORS) return sorted;
  return [
    ...sorted.slice(0, MAX_REPORTED_ERRORS),
    fileError(
      problem(
        'too_many_errors',
        `오류가 너무 많아 처음 ${MAX_REPORTED_ERRORS}개만 보여 줍니다 (전체 ${sorted.length}개).`,
        `Only the first ${MAX_REPORTED_ERRORS} of ${sorted.length} problems are listed.`,
      ),
    ),
  ];
}

/**
 * The upload cannot be imported as it is: nothing was written. Answered as problem+json (422)
 * whose `errors` keep the kit's `{field, message}` shape (field `row 3 · 등급`) and add
 * `row`, `column` and `code`, so a generic client and the farmer console both read it.
 */
export class BatchRejected extends Unprocessable {
  constructor(
    readonly importId: string,
    readonly rowErrors: BatchRowError[],
  ) {
    super(
      `파일에 오류가 ${rowErrors.length}건 있어 아무것도 등록하지 않았습니다. Nothing was imported: fix the ${rowErrors.length} problem(s) listed in \`errors\` and upload the file again.`,
      'batch_invalid',
      rowErrors.map((error) => ({ field: fieldOf(error), ...error })),
    );
  }
}

/** Someone changed the farm's catalog in a way the import collides with while it ran; trying again works. */
export const concurrentChange = (): BatchRowError =>
  fileError(
    problem(
      'concurrent_change',
      '가져오는 동안 같은 상품·옵션·로트번호가 다른 곳에서 만들어져 아무것도 등록하지 않았습니다. 다시 올려 주세요.',
      'A product, offer or lot code of this file was created elsewhere during the import; nothing was imported. Upload the file again.',
    ),
  );

const fieldOf = (error: BatchRowError) =>
  error.row === 0 ? 'file' : error.column ? `row ${error.row} · ${error.column}` : `row ${error.row}`;
