import { describe, expect, it } from 'vitest';
import { koreanHolidays } from './korean-holidays.ts';
import { weekdayOf } from './seoul-days.ts';

describe('the holiday table', () => {
  it('has 설날 and 추석 (three days each) in every year', () => {
    for (const year of ['2026', '2027', '2028']) {
      const names = [...koreanHolidays].filter(([date]) => date.startsWith(year)).map(([, name]) => name);
      expect(names.filter((name) => name.startsWith('설날') && !name.includes('대체'))).toHaveLength(3);
      expect(names.filter((name) => name.startsWith('추석') && !name.includes('대체'))).toHaveLength(3);
    }
  });

  it('puts every substitute holiday on a weekday, the day after a weekend or holiday', () => {
    const substitutes = [...koreanHolidays].filter(([, name]) => name.includes('대체'));
    expect(substitutes.map(([date]) => date)).toEqual([
      '2026-03-02',
      '2026-05-25',
      '2026-08-17',
      '2026-10-05',
      '2027-02-08',
      '2027-08-16',
      '2027-10-04',
      '2027-10-11',
      '2027-12-27',
      '2028-10-05',
    ]);
    for (const [date] of substitutes) expect(weekdayOf(date), date).not.toBe(0);
  });

  it('knows the lunar holidays’ dates', () => {
    expect(koreanHolidays.get('2026-02-17')).toBe('설날');
    expect(koreanHolidays.get('2026-09-25')).toBe('추석');
    expect(koreanHolidays.get('2027-02-06')).toBe('설날');
    expect(koreanHolidays.get('2027-09-15')).toBe('추석');
    expect(koreanHolidays.get('2028-01-26')).toBe('설날');
    expect(koreanHolidays.get('2028-05-02')).toBe('부처님오신날');
  });
});
