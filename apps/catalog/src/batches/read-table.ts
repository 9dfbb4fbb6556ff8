import type { BatchImportFormat } from '@fruitables/schema-catalog';
import { parseCsv } from './csv.ts';
import { decodeText } from './decode.ts';
import { MAX_BATCH_ROWS } from './limits.ts';
import { type BatchRowError, fileError, type Problem, problem } from './row-errors.ts';
import { type Cell, isZip, readXlsx } from './xlsx.ts';

export type { Cell };

/** An uploaded table before any field is checked: the header and the non-blank data rows with their spreadsheet row numbers. */
export interface RawTable {
  format: BatchImportFormat;
  header: string[];
  rows: { row: number; cells: Cell[] }[];
}

export type TableResult = { table: RawTable } | { format: BatchImportFormat; errors: BatchRowError[] };

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const isBlank = (cells: readonly Cell[]) => cells.every((cell) => cell === null || String(cell).trim() === '');

const failed = (format: BatchImportFormat, reason: Problem): TableResult => ({ format, errors: [fileError(reason)] });

/** The header is row 1; blank rows are skipped but still counted, so row numbers match what the spreadsheet shows. */
function tableOf(format: BatchImportFormat, records: readonly (readonly Cell[])[]): TableResult {
  const [headerRecord, ...data] = records;
  if (!headerRecord || isBlank(headerRecord)) {
    return failed(format, problem('empty_file', '빈 파일입니다.', 'The file is empty.'));
  }
  const rows: RawTable['rows'] = [];
  data.forEach((cells, index) => {
    if (!isBlank(cells)) rows.push({ row: index + 2, cells: [...cells] });
  });
  if (rows.length === 0) {
    return failed(
      format,
      problem('no_rows', '제목 행만 있고 등록할 행이 없습니다.', 'The file has a header row but no data rows.'),
    );
  }
  if (rows.length > MAX_BATCH_ROWS) {
    return failed(
      format,
      problem(
        'too_many_rows',
        `한 번에 ${MAX_BATCH_ROWS.toLocaleString('ko-KR')}행까지 올릴 수 있습니다 (이 파일은 ${rows.length.toLocaleString('ko-KR')}행). 나누어 올려 주세요.`,
        `Upload at most ${MAX_BATCH_ROWS} rows at once (this file has ${rows.length}); split it into several files.`,
      ),
    );
  }
  return { table: { format, header: headerRecord.map((cell) => (cell === null ? '' : String(cell))), rows } };
}

/**
 * Reads an uploaded file by its content, not its name: a zip is an XLSX, anything else must
 * be CSV text (UTF-8 or CP949). Old binary .xls files and other binaries get a clear answer.
 */
export async function readUploadedFile(bytes: Uint8Array): Promise<TableResult> {
  if (bytes.length === 0) return failed('csv', problem('empty_file', '빈 파일입니다.', 'The file is empty.'));
  if (OLE_MAGIC.every((byte, index) => bytes[index] === byte)) {
    return failed(
      'xlsx',
      problem(
        'xls_not_supported',
        '예전 Excel 형식(.xls)은 받지 않습니다. .xlsx 또는 CSV로 저장해 올려 주세요.',
        'Old Excel files (.xls) are not accepted. Save as .xlsx or CSV.',
      ),
    );
  }
  if (isZip(bytes)) {
    const sheet = await readXlsx(bytes);
    return 'problem' in sheet ? failed('xlsx', sheet.problem) : tableOf('xlsx', sheet.records);
  }
  const decoded = decodeText(bytes);
  if ('problem' in decoded) return failed('csv', decoded.problem);
  const parsed = parseCsv(decoded.text);
  if ('problem' in parsed) {
    const { row } = parsed.problem;
    return {
      format: 'csv',
      errors: [
        {
          row,
          column: '',
          code: 'unclosed_quote',
          message: `${row}행: 큰따옴표(")로 시작한 칸이 닫히지 않았습니다. Row ${row}: a quoted field is never closed.`,
        },
      ],
    };
  }
  return tableOf('csv', parsed.records);
}

/** Rows sent as JSON objects keyed by column name; `rows[0]` is row 2, as if under a header row. */
export function readJsonRows(objects: readonly Record<string, Cell>[]): TableResult {
  const header: string[] = [];
  const position = new Map<string, number>();
  for (const object of objects) {
    for (const key of Object.keys(object)) {
      if (!position.has(key)) {
        position.set(key, header.length);
        header.push(key);
      }
    }
  }
  const records: Cell[][] = [header];
  for (const object of objects) {
    const cells: Cell[] = header.map(() => null);
    for (const [key, value] of Object.entries(object)) cells[position.get(key) ?? 0] = value;
    records.push(cells);
  }
  if (header.length === 0) {
    return failed('json', problem('no_rows', '등록할 행이 없습니다.', 'There are no rows to import.'));
  }
  return tableOf('json', records);
}
