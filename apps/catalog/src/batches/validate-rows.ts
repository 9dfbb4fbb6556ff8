import { type Grade, grades } from '@fruitables/schema-catalog';
import { type BatchField, batchColumns, type ColumnMap } from './columns.ts';
import { dateOf, daysBetween, isEmpty, numberOf, type Parsed, textOf, wholeNumberOf } from './parse-fields.ts';
import type { RawTable } from './read-table.ts';
import { type BatchRowError, cellError, problem } from './row-errors.ts';
import type { Cell } from './xlsx.ts';

/** One valid row of a harvest batch: a lot of the offer (fruit, variety, grade, pack). */
export interface BatchRow {
  row: number;
  /** null when the farmer left it empty: one is generated. */
  lotCode: string | null;
  fruit: string;
  variety: string;
  grade: Grade;
  packKg: number;
  countPerBox: number | null;
  boxes: number;
  priceKrw: number;
  harvestedOn: string;
  brix: number | null;
  note: string;
}

export interface RowRules {
  /** Today in Seoul, `YYYY-MM-DD`. */
  today: string;
  /** Days a lot of this fruit stays on sale (fruit_max_ages, or the service default). */
  maxAgeDays(fruit: string): number;
}

/** Lot codes as the single-lot API accepts them, so a code from a file works everywhere a typed one does. */
const LOT_CODE = /^[A-Za-z0-9가-힣_-]{1,40}$/;
const MAX_PRICE_KRW = 10_000_000;

const gradeList = grades.join(', ');

type Reader = (field: BatchField) => Cell;

function requiredText(cell: Cell, max: number): Parsed<string> {
  const text = textOf(cell);
  if (text === '') return { problem: missing };
  if (text.length > max) {
    return { problem: problem('too_long', `${max}자 이하로 적어 주세요.`, `Use at most ${max} characters.`) };
  }
  return { value: text };
}

const missing = problem('required', '값이 비어 있습니다.', 'A value is required.');

/** Checks one row field by field; every problem is reported, not only the first. */
function validateRow(read: Reader, nameOf: (field: BatchField) => string, row: number, rules: RowRules) {
  const errors: BatchRowError[] = [];
  const take = <T>(field: BatchField, parsed: Parsed<T>): T | undefined => {
    if ('problem' in parsed) {
      errors.push(cellError(row, nameOf(field), parsed.problem));
      return undefined;
    }
    return parsed.value;
  };
  const optional = <T>(field: BatchField, parse: (cell: Cell) => Parsed<T>): T | null | undefined =>
    isEmpty(read(field)) ? null : take(field, parse(read(field)));
  const required = <T>(field: BatchField, parse: (cell: Cell) => Parsed<T>): T | undefined =>
    isEmpty(read(field)) ? take(field, { problem: missing }) : take(field, parse(read(field)));

  const lotCode = optional('lotCode', (cell) =>
    LOT_CODE.test(textOf(cell))
      ? { value: textOf(cell) }
      : {
          problem: problem(
            'invalid_lot_code',
            '로트번호는 1~40자의 영문, 숫자, 한글, -, _ 입니다.',
            'A lot code is 1-40 letters, digits, Hangul, - or _.',
          ),
        },
  );
  const fruit = take('fruit', requiredText(read('fruit'), 40));
  const variety = take('variety', requiredText(read('variety'), 40));
  const grade = required('grade', (cell) => {
    const text = textOf(cell);
    return (grades as readonly string[]).includes(text)
      ? { value: text as Grade }
      : {
          problem: problem(
            'unknown_grade',
            `'${text}'은(는) 알 수 없는 등급입니다. 등급은 ${gradeList} 중 하나입니다.`,
            `Unknown grade '${text}'; use one of ${gradeList}.`,
          ),
        };
  });
  const packKg = required('packKg', (cell) => {
    const parsed = numberOf(cell, ['kg']);
    if ('problem' in parsed) return parsed;
    const kg = parsed.value;
    if (kg <= 0 || kg > 100 || Math.round(kg * 100) !== kg * 100) {
      return {
        problem: problem(
          'out_of_range',
          `포장중량은 0보다 크고 100kg 이하, 소수 둘째 자리까지입니다 (입력값 ${kg}).`,
          `The pack weight must be above 0 and at most 100 kg, with at most 2 decimals (got ${kg}).`,
        ),
      };
    }
    return parsed;
  });
  const countPerBox = optional('countPerBox', (cell) =>
    wholeNumberOf(cell, { ko: '과수', en: 'The count per box', min: 1, max: 500 }),
  );
  const boxes = required('boxes', (cell) =>
    wholeNumberOf(cell, { ko: '수량', en: 'The number of boxes', min: 1, max: 100_000, units: ['박스', '상자'] }),
  );
  const priceKrw = required('priceKrw', (cell) =>
    wholeNumberOf(cell, { ko: '판매가', en: 'The price', min: 1, max: MAX_PRICE_KRW, units: ['원', 'krw'] }),
  );
  const harvestedOn = required('harvestedOn', (cell) => {
    const parsed = dateOf(cell);
    if ('problem' in parsed) return parsed;
    if (parsed.value > rules.today) {
      return {
        problem: problem(
          'future_date',
          `수확일 ${parsed.value}이(가) 미래입니다. 오늘(${rules.today}) 또는 그 이전이어야 합니다.`,
          `The harvest date ${parsed.value} is in the future; use today (${rules.today}) or earlier.`,
        ),
      };
    }
    if (fruit !== undefined) {
      const maxAge = rules.maxAgeDays(fruit);
      const age = daysBetween(parsed.value, rules.today);
      // A lot as old as its fruit's max age is already off sale: importing it would sell nothing.
      if (age >= maxAge) {
        return {
          problem: problem(
            'too_old',
            `수확한 지 ${age}일이 지나 판매할 수 없습니다 (${fruit}은(는) 수확 후 ${maxAge}일 미만만 판매).`,
            `Harvested ${age} days ago: ${fruit} is on sale for less than ${maxAge} days after harvest.`,
          ),
        };
      }
    }
    return parsed;
  });
  const brix = optional('brix', (cell) => {
    const parsed = numberOf(cell, ['brix', '°bx', 'bx']);
    if ('problem' in parsed) return parsed;
    if (parsed.value < 0 || parsed.value > 40) {
      return {
        problem: problem(
          'out_of_range',
          `당도는 0~40 Brix입니다 (입력값 ${parsed.value}).`,
          `Brix must be 0-40 (got ${parsed.value}).`,
        ),
      };
    }
    return { value: Math.round(parsed.value * 10) / 10 };
  });
  const note = textOf(read('note'));
  if (note.length > 500) {
    errors.push(
      cellError(row, nameOf('note'), problem('too_long', '500자 이하로 적어 주세요.', 'Use at most 500 characters.')),
    );
  }
  if (
    errors.length > 0 ||
    lotCode === undefined ||
    fruit === undefined ||
    variety === undefined ||
    grade === undefined ||
    packKg === undefined ||
    countPerBox === undefined ||
    boxes === undefined ||
    priceKrw === undefined ||
    harvestedOn === undefined ||
    brix === undefined
  ) {
    return { errors };
  }
  const valid: BatchRow = {
    row,
    lotCode,
    fruit,
    variety,
    grade,
    packKg,
    countPerBox,
    boxes,
    priceKrw,
    harvestedOn,
    brix,
    note,
  };
  return { row: valid, errors };
}

/** The offer a row belongs to: the same product, grade and pack weight. */
export const offerKeyOf = (row: Pick<BatchRow, 'fruit' | 'variety' | 'grade' | 'packKg'>): string =>
  `${row.fruit}\u0001${row.variety}\u0001${row.grade}\u0001${row.packKg.toFixed(2)}`;

/** Problems that need the whole file: a lot code used twice, one offer given two prices. */
function crossRowErrors(rows: readonly BatchRow[], nameOf: (field: BatchField) => string): BatchRowError[] {
  const errors: BatchRowError[] = [];
  const lotCodes = new Map<string, number>();
  const prices = new Map<string, BatchRow>();
  for (const row of rows) {
    if (row.lotCode !== null) {
      const first = lotCodes.get(row.lotCode);
      if (first === undefined) lotCodes.set(row.lotCode, row.row);
      else {
        errors.push(
          cellError(
            row.row,
            nameOf('lotCode'),
            problem(
              'duplicate_lot_code',
              `로트번호 '${row.lotCode}'이(가) ${first}행과 겹칩니다.`,
              `Lot code '${row.lotCode}' is also used on row ${first}.`,
            ),
          ),
        );
      }
    }
    const key = offerKeyOf(row);
    const priced = prices.get(key);
    if (priced === undefined) prices.set(key, row);
    else if (priced.priceKrw !== row.priceKrw) {
      errors.push(
        cellError(
          row.row,
          nameOf('priceKrw'),
          problem(
            'conflicting_price',
            `같은 상품(${row.fruit} ${row.variety} ${row.grade} ${row.packKg}kg)의 판매가가 ${priced.row}행(${priced.priceKrw.toLocaleString('ko-KR')}원)과 다릅니다.`,
            `Row ${priced.row} gives the same offer (${row.fruit} ${row.variety} ${row.grade} ${row.packKg} kg) the price ${priced.priceKrw}.`,
          ),
        ),
      );
    }
  }
  return errors;
}

/** A value under no header (beyond the header's width, or under an empty header cell) is reported, never dropped silently. */
function strayCellErrors(cells: readonly Cell[], row: number, columns: ColumnMap, width: number): BatchRowError[] {
  const errors: BatchRowError[] = [];
  cells.forEach((cell, position) => {
    if (isEmpty(cell) || (position < width && !columns.unnamed.includes(position))) return;
    errors.push(
      cellError(
        row,
        `#${position + 1}`,
        problem(
          'no_header',
          `제목이 없는 ${position + 1}번째 칸에 값 '${textOf(cell).slice(0, 20)}'이(가) 있습니다.`,
          `Cell ${position + 1} has a value ('${textOf(cell).slice(0, 20)}') but no column header.`,
        ),
      ),
    );
  });
  return errors;
}

/**
 * Turns the table's rows into batch rows, or lists every problem: per field, then across
 * rows. Problems that need the farm's data (a lot code already used) are the planner's.
 */
export function validateRows(
  table: RawTable,
  columns: ColumnMap,
  rules: RowRules,
): { rows: BatchRow[]; errors: BatchRowError[] } {
  const rows: BatchRow[] = [];
  const errors: BatchRowError[] = [];
  const nameOf = (field: BatchField) =>
    columns.header[field] ?? batchColumns.find((column) => column.field === field)?.korean ?? field;
  for (const { row, cells } of table.rows) {
    const read: Reader = (field) => {
      const index = columns.index[field];
      return index === undefined ? null : (cells[index] ?? null);
    };
    const result = validateRow(read, nameOf, row, rules);
    errors.push(...result.errors, ...strayCellErrors(cells, row, columns, table.header.length));
    if (result.row) rows.push(result.row);
  }
  errors.push(...crossRowErrors(rows, nameOf));
  return { rows, errors };
}
