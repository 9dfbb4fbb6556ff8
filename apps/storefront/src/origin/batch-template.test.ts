import { readFileSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import { batchTemplateColumns, batchTemplateCsv, batchTemplateXlsx } from './batch-template.ts';

const today = '2026-11-12';
const header = ['로트번호', '품목', '품종', '등급', '포장중량kg', '과수', '수량', '판매가', '수확일', '당도', '비고'];
const example = [null, '사과', '부사', '특', 5, 16, 40, 39_000, today, 14.5, '예시 행입니다. 지우고 입력하세요'];

describe('harvest batch template', () => {
  it('uses exactly the Korean headers of the catalog importer, in its order', () => {
    // Read as text, not imported: services share nothing but APIs.
    const source = readFileSync(new URL('../../../catalog/src/batches/columns.ts', import.meta.url), 'utf8');
    const importerHeaders = [...source.matchAll(/korean: '([^']+)'/g)].map((match) => match[1]);
    expect(importerHeaders).toEqual([...batchTemplateColumns]);
    expect([...batchTemplateColumns]).toEqual(header);
  });

  it('writes the CSV as UTF-8 with a BOM and CRLF line endings: header plus one example row', () => {
    const bytes = batchTemplateCsv(today);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const [headerLine, exampleLine, ...rest] = text.split('\r\n');
    expect(rest).toEqual(['']);
    expect(headerLine?.split(',')).toEqual(header);
    expect(exampleLine?.split(',')).toEqual(example.map((cell) => (cell === null ? '' : String(cell))));
  });

  it('writes an XLSX with one 수확배치 sheet: text headers, numeric numbers and the harvest date as text', async () => {
    const bytes = batchTemplateXlsx(today);
    const sheets = await readXlsxFile(new Blob([bytes]));
    expect(sheets.map((sheet) => sheet.sheet)).toEqual(['수확배치']);
    expect(sheets[0]?.data).toEqual([header, example]);
  });

  it('refuses a today that is not a YYYY-MM-DD date', () => {
    expect(() => batchTemplateCsv('2026-11-12T09:00:00+09:00')).toThrow(RangeError);
    expect(() => batchTemplateXlsx('')).toThrow(RangeError);
  });
});
