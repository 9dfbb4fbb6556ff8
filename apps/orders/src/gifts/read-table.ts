import { Unprocessable } from '@fruitables/core';
import { unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/universal';

export type Cell = string | number | null;

/** A recipient list is small: 100 rows fit in far less. */
export const MAX_RECIPIENT_FILE_BYTES = 512 * 1024;
const MAX_XLSX_UNPACKED_BYTES = 8 * 1024 * 1024;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const utf8 = new TextDecoder('utf-8', { fatal: true });
// WHATWG "euc-kr" is code page 949, what Korean Excel writes for "CSV (쉼표로 분리)".
const cp949 = new TextDecoder('euc-kr', { fatal: true });

const unreadable = () =>
  new Unprocessable(
    '파일을 읽을 수 없어요. CSV(UTF-8 또는 Excel의 CSV) 또는 XLSX로 저장해 올려 주세요.',
    'unreadable_file',
  );

function decode(bytes: Uint8Array): string {
  for (const decoder of [utf8, cp949]) {
    try {
      return decoder.decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      // try the next encoding
    }
  }
  throw unreadable();
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function readXlsx(bytes: Uint8Array): Promise<Cell[][]> {
  let unpacked = 0;
  try {
    // Read the sizes the archive declares before inflating anything: a zip bomb stops here.
    unzipSync(bytes, {
      filter: (file) => {
        unpacked += file.originalSize;
        return false;
      },
    });
  } catch {
    throw unreadable();
  }
  if (unpacked > MAX_XLSX_UNPACKED_BYTES) throw unreadable();
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const rows = await readSheet(buffer);
    return rows.map((row) =>
      row.map((value: unknown) => {
        if (value === null || value === undefined) return null;
        if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
        return typeof value === 'number' || typeof value === 'string' ? value : String(value);
      }),
    );
  } catch {
    throw unreadable();
  }
}

/** A CSV (UTF-8 or CP949) or XLSX file as rows of cells, the header row first. */
export function readTable(bytes: Uint8Array): Promise<Cell[][]> | Cell[][] {
  if (ZIP_MAGIC.every((byte, index) => bytes[index] === byte)) return readXlsx(bytes);
  return parseCsv(decode(bytes));
}
