import { type BatchRowError, headerError, problem } from './row-errors.ts';

/** A column of the harvest batch file, with the Korean header the template uses and its English alias. */
export interface BatchColumn {
  field: BatchField;
  korean: string;
  english: string;
  required: boolean;
  /** More spellings seen in farmers' files ("판매가(원)", "Brix"). Matching ignores case, spaces, `_`, `-`, `()` and `[]`. */
  aliases?: readonly string[];
}

export type BatchField =
  | 'lotCode'
  | 'fruit'
  | 'variety'
  | 'grade'
  | 'packKg'
  | 'countPerBox'
  | 'boxes'
  | 'priceKrw'
  | 'harvestedOn'
  | 'brix'
  | 'note';

export const batchColumns: readonly BatchColumn[] = [
  { field: 'lotCode', korean: '로트번호', english: 'lot_code', required: false, aliases: ['로트', 'lot'] },
  { field: 'fruit', korean: '품목', english: 'fruit', required: true },
  { field: 'variety', korean: '품종', english: 'variety', required: true },
  { field: 'grade', korean: '등급', english: 'grade', required: true },
  { field: 'packKg', korean: '포장중량kg', english: 'pack_kg', required: true, aliases: ['포장중량', '중량kg'] },
  { field: 'countPerBox', korean: '과수', english: 'count_per_box', required: false },
  { field: 'boxes', korean: '수량', english: 'boxes', required: true, aliases: ['수량박스', '박스'] },
  { field: 'priceKrw', korean: '판매가', english: 'price_krw', required: true, aliases: ['판매가원', '가격', 'price'] },
  { field: 'harvestedOn', korean: '수확일', english: 'harvested_on', required: true, aliases: ['수확일자'] },
  { field: 'brix', korean: '당도', english: 'brix', required: false, aliases: ['당도brix'] },
  { field: 'note', korean: '비고', english: 'note', required: false, aliases: ['메모'] },
];

const normalize = (header: string) =>
  header
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_\-()[\]]/g, '');

const byName = new Map<string, BatchColumn>();
for (const column of batchColumns) {
  for (const name of [column.korean, column.english, ...(column.aliases ?? [])]) byName.set(normalize(name), column);
}

/** Where each field sits in the file, and the header as the farmer wrote it (for error messages). */
export interface ColumnMap {
  index: Partial<Record<BatchField, number>>;
  header: Partial<Record<BatchField, string>>;
  /** Header cells with no name: values under them are reported per row. */
  unnamed: number[];
}

/**
 * Maps a header row onto the batch fields. Korean and English headers may be mixed; an
 * unknown, repeated or missing required column is reported on row 1 (the header row).
 */
export function mapColumns(headerCells: readonly string[]): { columns: ColumnMap; errors: BatchRowError[] } {
  const columns: ColumnMap = { index: {}, header: {}, unnamed: [] };
  const errors: BatchRowError[] = [];
  headerCells.forEach((raw, position) => {
    const name = raw.trim();
    if (name === '') {
      columns.unnamed.push(position);
      return;
    }
    const column = byName.get(normalize(name));
    if (!column) {
      errors.push(
        headerError(
          name,
          problem(
            'unknown_column',
            `알 수 없는 열 '${name}'이(가) 있습니다. 사용할 수 있는 열: ${batchColumns.map((c) => c.korean).join(', ')}.`,
            `Unknown column '${name}'. Known columns: ${batchColumns.map((c) => c.english).join(', ')}.`,
          ),
        ),
      );
      return;
    }
    const earlier = columns.header[column.field];
    if (earlier !== undefined) {
      errors.push(
        headerError(
          name,
          problem(
            'duplicate_column',
            `'${name}' 열이 '${earlier}' 열과 겹칩니다.`,
            `Column '${name}' repeats column '${earlier}'.`,
          ),
        ),
      );
      return;
    }
    columns.index[column.field] = position;
    columns.header[column.field] = name;
  });
  for (const column of batchColumns) {
    if (column.required && columns.index[column.field] === undefined) {
      errors.push(
        headerError(
          column.korean,
          problem(
            'missing_column',
            `필수 열 '${column.korean}'(${column.english})이(가) 없습니다.`,
            `Required column '${column.english}' (${column.korean}) is missing.`,
          ),
        ),
      );
    }
  }
  return { columns, errors };
}
