import { zipSync } from 'fflate';

/**
 * The headers of the harvest batch upload, in template order. The source of truth is the
 * catalog's importer (`batchColumns[].korean` in apps/catalog/src/batches/columns.ts); services
 * share only APIs, so the list is copied here and batch-template.test.ts checks the two match.
 */
export const batchTemplateColumns = [
  '로트번호',
  '품목',
  '품종',
  '등급',
  '포장중량kg',
  '과수',
  '수량',
  '판매가',
  '수확일',
  '당도',
  '비고',
] as const;

type TemplateColumn = (typeof batchTemplateColumns)[number];
type TemplateCell = string | number | null;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The header and one example row the importer accepts as is. 로트번호 stays empty because the
 * importer generates one; the harvest date is today because the importer rejects future
 * dates and lots too old to sell.
 */
function templateRows(today: string): TemplateCell[][] {
  if (!ISO_DATE.test(today)) throw new RangeError(`today must be YYYY-MM-DD, got '${today}'`);
  const example: Record<TemplateColumn, TemplateCell> = {
    로트번호: null,
    품목: '사과',
    품종: '부사',
    등급: '특',
    포장중량kg: 5,
    과수: 16,
    수량: 40,
    판매가: 39_000,
    수확일: today,
    당도: 14.5,
    비고: '예시 행입니다. 지우고 입력하세요',
  };
  return [[...batchTemplateColumns], batchTemplateColumns.map((column) => example[column])];
}

const utf8 = new TextEncoder();

const csvField = (cell: TemplateCell): string => {
  const text = cell === null ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The template as CSV: UTF-8 with a BOM, because without it Korean Excel reads the file as
 * CP949 and shows mojibake headers; CRLF line endings, as Excel writes them.
 * @param today Today in Asia/Seoul, `YYYY-MM-DD`.
 */
export function batchTemplateCsv(today: string): Uint8Array<ArrayBuffer> {
  const lines = templateRows(today).map((row) => `${row.map(csvField).join(',')}\r\n`);
  return utf8.encode(`\uFEFF${lines.join('')}`);
}

const xmlText = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const BOLD_STYLE = 1;

/**
 * Numbers become numeric cells so Excel does not flag them as "number stored as text". Text,
 * the harvest date included, is an inline string: the importer reads a 'YYYY-MM-DD' text cell
 * as that date, which a date-formatted serial would only match after time zone conversions.
 */
function cellXml(cell: TemplateCell, ref: string, style: number): string {
  const styled = style === 0 ? '' : ` s="${style}"`;
  if (cell === null) return '';
  if (typeof cell === 'number') return `<c r="${ref}"${styled}><v>${cell}</v></c>`;
  return `<c r="${ref}"${styled} t="inlineStr"><is><t xml:space="preserve">${xmlText(cell)}</t></is></c>`;
}

function sheetXml(rows: readonly TemplateCell[][]): string {
  const rowsXml = rows.map((cells, index) => {
    const row = index + 1;
    // The template has 11 columns, so a single letter (A-K) names each one.
    const cellsXml = cells.map((cell, column) =>
      cellXml(cell, `${String.fromCharCode(65 + column)}${row}`, row === 1 ? BOLD_STYLE : 0),
    );
    return `<row r="${row}">${cellsXml.join('')}</row>`;
  });
  return `<worksheet xmlns="${MAIN_NS}"><cols><col min="1" max="${batchTemplateColumns.length}" width="14" customWidth="1"/></cols><sheetData>${rowsXml.join('')}</sheetData></worksheet>`;
}

// The smallest style sheet Excel opens without a repair prompt: two fonts (regular, bold), the two
// fills Excel requires, one border, and cell formats 0 (plain) and 1 (bold).
const STYLES_XML = `<styleSheet xmlns="${MAIN_NS}"><fonts count="2"><font><sz val="11"/><name val="맑은 고딕"/></font><font><b/><sz val="11"/><name val="맑은 고딕"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * The template as an XLSX workbook with one sheet, 수확배치: a bold header row and the example row.
 * @param today Today in Asia/Seoul, `YYYY-MM-DD`.
 */
export function batchTemplateXlsx(today: string): Uint8Array<ArrayBuffer> {
  const parts: Record<string, string> = {
    '[Content_Types].xml': `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CONTENT_TYPE}.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE}.styles+xml"/></Types>`,
    '_rels/.rels': `<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_TYPE}"><sheets><sheet name="수확배치" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL_TYPE}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_TYPE}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': STYLES_XML,
    'xl/worksheets/sheet1.xml': sheetXml(templateRows(today)),
  };
  return zipSync(
    Object.fromEntries(Object.entries(parts).map(([path, xml]) => [path, utf8.encode(XML_DECLARATION + xml)])),
  );
}
