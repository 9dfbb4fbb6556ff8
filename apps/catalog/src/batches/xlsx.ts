import { unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/universal';
import { MAX_XLSX_UNPACKED_BYTES } from './limits.ts';
import { type Problem, problem } from './row-errors.ts';

/** One spreadsheet cell as the batch reader sees it: dates are already `YYYY-MM-DD`. */
export type Cell = string | number | null;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export const isZip = (bytes: Uint8Array): boolean => ZIP_MAGIC.every((byte, index) => bytes[index] === byte);

const invalidXlsx = problem(
  'invalid_xlsx',
  'XLSX 파일을 읽을 수 없습니다. Excel에서 다시 저장해 올려 주세요.',
  'The XLSX file could not be read. Save it again in Excel and upload it again.',
);

/** The sum of the sizes the archive declares for its entries, read from the headers without inflating anything. */
function declaredUnpackedBytes(bytes: Uint8Array): number {
  let total = 0;
  unzipSync(bytes, {
    filter: (file) => {
      total += file.originalSize;
      return false;
    },
  });
  return total;
}

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // Date cells come back as midnight UTC of the day Excel shows.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return String(value);
}

/** The first worksheet of an XLSX file as rows of cells, header row included. */
export async function readXlsx(bytes: Uint8Array): Promise<{ records: Cell[][] } | { problem: Problem }> {
  try {
    if (declaredUnpackedBytes(bytes) > MAX_XLSX_UNPACKED_BYTES) {
      return {
        problem: problem(
          'file_too_large',
          '압축을 푼 XLSX 내용이 너무 큽니다.',
          `The XLSX unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB.`,
        ),
      };
    }
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const sheet = await readSheet(buffer);
    return { records: sheet.map((row) => row.map(cellOf)) };
  } catch {
    // Any failure to read a zip or its XML is the file's fault, never ours to 500 on.
    return { problem: invalidXlsx };
  }
}
