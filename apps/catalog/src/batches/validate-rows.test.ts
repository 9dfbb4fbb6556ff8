import { describe, expect, it } from 'vitest';
import { mapColumns } from './columns.ts';
import type { Cell, RawTable } from './read-table.ts';
import { type RowRules, validateRows } from './validate-rows.ts';

const rules: RowRules = { today: '2026-11-21', maxAgeDays: (fruit) => (fruit === '딸기' ? 5 : 60) };

const KOREAN = ['로트번호', '품목', '품종', '등급', '포장중량kg', '과수', '수량', '판매가', '수확일', '당도', '비고'];

function check(header: string[], ...rows: Cell[][]) {
  const { columns, errors } = mapColumns(header);
  if (errors.length > 0) throw new Error(JSON.stringify(errors));
  const table: RawTable = { format: 'csv', header, rows: rows.map((cells, index) => ({ row: index + 2, cells })) };
  return validateRows(table, columns, rules);
}

describe('mapColumns', () => {
  it('accepts Korean and English headers, in any order and mixed, ignoring case, spaces and brackets', () => {
    const { columns, errors } = mapColumns([
      'Fruit',
      '품종',
      'GRADE',
      '포장중량(kg)',
      'boxes',
      '판매가 (원)',
      'harvested_on',
    ]);
    expect(errors).toEqual([]);
    expect(columns.index).toEqual({ fruit: 0, variety: 1, grade: 2, packKg: 3, boxes: 4, priceKrw: 5, harvestedOn: 6 });
    expect(columns.header.priceKrw).toBe('판매가 (원)');
  });

  it('reports unknown, repeated and missing required columns on row 1', () => {
    const { errors } = mapColumns(['품목', 'fruit', '품종', '색깔', '수량']);
    expect(errors.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 1, column: 'fruit', code: 'duplicate_column' },
      { row: 1, column: '색깔', code: 'unknown_column' },
      { row: 1, column: '등급', code: 'missing_column' },
      { row: 1, column: '포장중량kg', code: 'missing_column' },
      { row: 1, column: '판매가', code: 'missing_column' },
      { row: 1, column: '수확일', code: 'missing_column' },
    ]);
    expect(errors[1]?.message).toContain("Unknown column '색깔'");
  });
});

describe('validateRows', () => {
  it('reads thousands separators, dotted dates, units and empty optional fields', () => {
    const { rows, errors } = check(
      KOREAN,
      ['', ' 사과 ', '부사', '특', '5kg', '', '1,200', '₩39,000', '2026.11.12', '', ''],
      ['A-2', '사과', '부사', '상', 7.5, 16, 40, '32,000원', '2026. 11. 3.', '14.44', '메모'],
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        lotCode: null,
        fruit: '사과',
        variety: '부사',
        grade: '특',
        packKg: 5,
        countPerBox: null,
        boxes: 1200,
        priceKrw: 39000,
        harvestedOn: '2026-11-12',
        brix: null,
        note: '',
      },
      {
        row: 3,
        lotCode: 'A-2',
        fruit: '사과',
        variety: '부사',
        grade: '상',
        packKg: 7.5,
        countPerBox: 16,
        boxes: 40,
        priceKrw: 32000,
        harvestedOn: '2026-11-03',
        brix: 14.4,
        note: '메모',
      },
    ]);
  });

  it('names row, column and problem for each bad field, in Korean and English', () => {
    const { rows, errors } = check(
      KOREAN,
      ['A-1', '', '부사', '최상', '0', '', '-4', 'abc', '2026-02-30', '55', ''],
      ['A 2', '사과', '부사', '특', '5', '1.5', '2.5', '10,000,001', '2099-01-01', '', ''],
    );
    expect(rows).toEqual([]);
    expect(errors.map(({ row, column, code }) => `${row} ${column} ${code}`)).toEqual([
      '2 품목 required',
      '2 등급 unknown_grade',
      '2 포장중량kg out_of_range',
      '2 수량 not_positive',
      '2 판매가 invalid_number',
      '2 수확일 invalid_date',
      '2 당도 out_of_range',
      '3 로트번호 invalid_lot_code',
      '3 과수 not_integer',
      '3 수량 not_integer',
      '3 판매가 out_of_range',
      '3 수확일 future_date',
    ]);
    expect(errors[1]?.message).toBe(
      "2행 '등급': '최상'은(는) 알 수 없는 등급입니다. 등급은 특, 상, 보통, 못난이 중 하나입니다. Row 2, column '등급': Unknown grade '최상'; use one of 특, 상, 보통, 못난이.",
    );
  });

  it("refuses a harvest as old as the fruit's max age, which would never be on sale", () => {
    const header = ['fruit', 'variety', 'grade', 'pack_kg', 'boxes', 'price_krw', 'harvested_on'];
    const { errors } = check(
      header,
      ['딸기', '설향', '특', 1, 10, 20000, '2026-11-16'],
      ['딸기', '설향', '특', 1, 10, 20000, '2026-11-17'],
      ['사과', '부사', '특', 5, 10, 39000, '2026-09-22'],
    );
    expect(errors.map(({ row, code }) => `${row} ${code}`)).toEqual(['2 too_old', '4 too_old']);
    expect(errors[0]?.message).toContain('Harvested 5 days ago');
  });

  it('finds lot codes used twice and one offer given two prices across rows', () => {
    const header = ['lot_code', 'fruit', 'variety', 'grade', 'pack_kg', 'boxes', 'price_krw', 'harvested_on'];
    const { errors } = check(
      header,
      ['L-1', '배', '신고', '특', 7.5, 10, 45000, '2026-11-05'],
      ['L-1', '배', '신고', '상', 7.5, 10, 38000, '2026-11-05'],
      ['L-3', '배', '신고', '특', '7.50', 10, 44000, '2026-11-05'],
    );
    expect(errors.map(({ row, column, code }) => `${row} ${column} ${code}`)).toEqual([
      '3 lot_code duplicate_lot_code',
      '4 price_krw conflicting_price',
    ]);
  });

  it('reports a value under no header instead of dropping it', () => {
    const header = ['fruit', 'variety', 'grade', 'pack_kg', 'boxes', 'price_krw', 'harvested_on', ''];
    const { errors } = check(header, ['배', '신고', '특', 7.5, 10, 45000, '2026-11-05', '', 'extra']);
    expect(errors.map(({ row, column, code }) => `${row} ${column} ${code}`)).toEqual(['2 #9 no_header']);
  });

  it('reads Excel serial day numbers left unformatted as dates', () => {
    const header = ['fruit', 'variety', 'grade', 'pack_kg', 'boxes', 'price_krw', 'harvested_on'];
    const { rows } = check(header, ['배', '신고', '특', 7.5, 10, 45000, 46338]);
    expect(rows[0]?.harvestedOn).toBe('2026-11-12');
  });
});
