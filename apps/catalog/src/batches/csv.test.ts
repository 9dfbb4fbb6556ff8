import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

const records = (text: string) => {
  const parsed = parseCsv(text);
  if ('problem' in parsed) throw new Error(`unexpected problem at row ${parsed.problem.row}`);
  return parsed.records;
};

describe('parseCsv', () => {
  it('splits plain fields and records', () => {
    expect(records('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('keeps commas inside quoted fields, as in "39,000"', () => {
    expect(records('price,date\n"39,000",2026-11-12')).toEqual([
      ['price', 'date'],
      ['39,000', '2026-11-12'],
    ]);
  });

  it('turns doubled quotes into one quote', () => {
    expect(records('"선물용 ""특"" 포장","a""b"\n')).toEqual([['선물용 "특" 포장', 'a"b']]);
  });

  it('reads CRLF, LF and lone CR line endings alike', () => {
    expect(records('a,b\r\n1,2\r\n3,4\r5,6\n7,8')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
      ['7', '8'],
    ]);
  });

  it('keeps line breaks inside a quoted field within one record', () => {
    expect(records('note,x\r\n"첫 줄\r\n둘째 줄",1\r\n')).toEqual([
      ['note', 'x'],
      ['첫 줄\r\n둘째 줄', '1'],
    ]);
  });

  it('does not add an empty record for a trailing newline, with or without CR', () => {
    expect(records('a\n')).toEqual([['a']]);
    expect(records('a\r\n')).toEqual([['a']]);
    expect(records('a')).toEqual([['a']]);
    expect(records('')).toEqual([]);
  });

  it('keeps empty trailing columns and empty fields', () => {
    expect(records('a,b,,\n,,,\n1,,3,')).toEqual([
      ['a', 'b', '', ''],
      ['', '', '', ''],
      ['1', '', '3', ''],
    ]);
  });

  it('keeps an empty line as a record of one empty field, so row numbers stay right', () => {
    expect(records('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('reads an empty quoted field and a quoted field at the end of the text', () => {
    expect(records('"",x,""')).toEqual([['', 'x', '']]);
    expect(records('x,"last"')).toEqual([['x', 'last']]);
  });

  it('is lenient like Excel with a quote inside an unquoted field and text after a closing quote', () => {
    expect(records('5" box,"a"b\n')).toEqual([['5" box', 'ab']]);
  });

  it('reports the row where an unclosed quoted field starts', () => {
    expect(parseCsv('a,b\n1,2\n"never closed,3\n4,5\n')).toEqual({ problem: { row: 3 } });
  });
});
