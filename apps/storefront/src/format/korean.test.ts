import { describe, expect, it } from 'vitest';
import { deliveryPromise, formatBox, formatClockTime, formatKrw, formatMonthDay, productName } from './korean.ts';

describe('Korean formatting', () => {
  it('prints prices the way Korean shops do', () => {
    expect(formatKrw(39_000)).toBe('39,000원');
    expect(formatKrw(1_250_000)).toBe('1,250,000원');
  });

  it('names times of day in words and builds the dawn-delivery promise from the cut-off', () => {
    expect(formatClockTime('23:00')).toBe('밤 11시');
    expect(formatClockTime('07:00')).toBe('아침 7시');
    expect(formatClockTime('22:30')).toBe('밤 10시 30분');
    expect(formatClockTime('12:00')).toBe('오후 12시');
    expect(deliveryPromise('23:00', '07:00')).toBe('밤 11시까지 주문하면 내일 아침 7시 전 도착');
  });

  it('shows boxes, harvest days and product names', () => {
    expect(formatBox(5, 14)).toBe('5kg · 14과');
    expect(formatBox(0.5, null)).toBe('500g');
    expect(formatBox(7.5, null)).toBe('7.5kg');
    expect(formatMonthDay('2026-11-08')).toBe('11월 8일');
    expect(productName({ fruit: '사과', variety: '부사' })).toBe('부사 사과');
    expect(productName({ fruit: '한라봉', variety: '한라봉' })).toBe('한라봉');
    expect(productName({ fruit: '참외', variety: '성주참외' })).toBe('성주참외');
  });
});
