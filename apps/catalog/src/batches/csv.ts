/** A CSV that cannot be read: a quoted field is never closed. `row` is where that field starts. */
export interface CsvProblem {
  row: number;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Parses CSV text (RFC 4180) into records of fields, header included. Records end at CRLF,
 * LF or a lone CR; a quoted field may hold commas, line breaks and doubled quotes (`""`). A
 * final line break does not start an empty record, and an empty line is a record with one
 * empty field (callers skip blank records but keep counting them, so row numbers match the
 * spreadsheet). Lenient where Excel is: a quote inside an unquoted field is kept as is, and
 * text after a closing quote is appended to the field.
 */
export function parseCsv(text: string): { records: string[][] } | { problem: CsvProblem } {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let index = 0;
  const length = text.length;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (index < length) {
    let code = text.charCodeAt(index);
    if (code === QUOTE && field === '') {
      const startRow = records.length + 1;
      index++;
      for (;;) {
        const close = text.indexOf('"', index);
        if (close === -1) return { problem: { row: startRow } };
        field += text.slice(index, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          field += '"';
          index = close + 2;
        } else {
          index = close + 1;
          break;
        }
      }
      continue;
    }
    // Unquoted run: up to the next comma or line break, in one slice.
    let end = index;
    while (end < length) {
      code = text.charCodeAt(end);
      if (code === COMMA || code === LF || code === CR) break;
      end++;
    }
    field += text.slice(index, end);
    index = end;
    if (index >= length) break;
    if (code === COMMA) {
      record.push(field);
      field = '';
      index++;
    } else {
      endRecord();
      index += code === CR && text.charCodeAt(index + 1) === LF ? 2 : 1;
    }
  }
  // The last record, unless the text ended with its line break (or was empty).
  if (field !== '' || record.length > 0) endRecord();
  return { records };
}
