import { type Problem, problem } from './row-errors.ts';
import type { Cell } from './xlsx.ts';

/** A cell turned into a value, or what is wrong with it. */
export type Parsed<T> = { value: T } | { problem: Problem };

export const isEmpty = (cell: Cell): boolean => cell === null || (typeof cell === 'string' && cell.trim() === '');

export const textOf = (cell: Cell): string => (cell === null ? '' : String(cell).normalize('NFC').trim());

const show = (cell: Cell) => {
  const text = textOf(cell);
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
};

// "39,000", "₩39,000", "39,000원", "7.5kg": Korean spreadsheets format numbers this way.
const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^-?(\d+(\.\d*)?|\.\d+)$/;

/** A number from a numeric cell or text, allowing thousands separators and a unit written after it. */
export function numberOf(cell: Cell, units: readonly string[] = []): Parsed<number> {
  if (typeof cell === 'number') {
    return Number.isFinite(cell) ? { value: cell } : { problem: notANumber(cell) };
  }
  let text = textOf(cell).replace(/^₩\s*/, '');
  for (const unit of units) {
    if (text.toLowerCase().endsWith(unit)) text = text.slice(0, -unit.length).trim();
  }
  if (GROUPED.test(text)) text = text.replaceAll(',', '');
  if (!PLAIN.test(text)) return { problem: notANumber(cell) };
  return { value: Number(text) };
}

const notANumber = (cell: Cell) =>
  problem('invalid_number', `'${show(cell)}'은(는) 숫자가 아닙니다.`, `'${show(cell)}' is not a number.`);

export interface WholeNumberRule {
  ko: string;
  en: string;
  min: number;
  max: number;
  units?: readonly string[];
}

/** A whole number within [min, max]; a value at or below zero for a min of 1 is `not_positive`. */
export function wholeNumberOf(cell: Cell, rule: WholeNumberRule): Parsed<number> {
  const parsed = numberOf(cell, rule.units);
  if ('problem' in parsed) return parsed;
  const { value } = parsed;
  if (!Number.isInteger(value)) {
    return {
      problem: problem('not_integer', `${rule.ko}은(는) 정수여야 합니다.`, `${rule.en} must be a whole number.`),
    };
  }
  if (value < rule.min) {
    return {
      problem: problem(
        rule.min === 1 && value <= 0 ? 'not_positive' : 'out_of_range',
        `${rule.ko}은(는) ${rule.min.toLocaleString('ko-KR')} 이상이어야 합니다 (입력값 ${value}).`,
        `${rule.en} must be at least ${rule.min} (got ${value}).`,
      ),
    };
  }
  if (value > rule.max) {
    return {
      problem: problem(
        'out_of_range',
        `${rule.ko}은(는) ${rule.max.toLocaleString('ko-KR')} 이하여야 합니다 (입력값 ${value.toLocaleString('ko-KR')}).`,
        `${rule.en} must be at most ${rule.max} (got ${value}).`,
      ),
    };
  }
  return { value };
}

// 2026-11-12, 2026.11.12, 2026/11/12 and Excel's "2026. 11. 12." display form.
const DATE = /^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?$/;
// Excel's serial day numbers for 2000-01-01 and 2099-12-31 (1900 date system).
const EXCEL_SERIAL_MIN = 36_526;
const EXCEL_SERIAL_MAX = 73_050;
const EXCEL_EPOCH_SERIAL = 25_569;
const DAY_MS = 86_400_000;

/** A calendar date as `YYYY-MM-DD`, from text or from an Excel serial day number left unformatted. */
export function dateOf(cell: Cell): Parsed<string> {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell >= EXCEL_SERIAL_MIN && cell <= EXCEL_SERIAL_MAX) {
    return { value: new Date((cell - EXCEL_EPOCH_SERIAL) * DAY_MS).toISOString().slice(0, 10) };
  }
  const match = DATE.exec(textOf(cell));
  const invalid = {
    problem: problem(
      'invalid_date',
      `'${show(cell)}'은(는) 올바른 날짜가 아닙니다. 2026-11-12 또는 2026.11.12 형식으로 적어 주세요.`,
      `'${show(cell)}' is not a valid date; write it like 2026-11-12 or 2026.11.12.`,
    ),
  };
  if (!match) return invalid;
  const [, year, month, day] = match.map(Number);
  if (year === undefined || month === undefined || day === undefined) return invalid;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 2026-02-30 over to March: a changed month or day means the date does not exist.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return invalid;
  return { value: date.toISOString().slice(0, 10) };
}

/** Whole days from `earlier` to `later`, both `YYYY-MM-DD`. */
export const daysBetween = (earlier: string, later: string): number =>
  Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / DAY_MS);
