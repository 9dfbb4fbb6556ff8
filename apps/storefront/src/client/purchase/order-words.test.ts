import { describe, expect, it } from 'vitest';
import { labelOf, lineStatusNote, orderStatusLabels, seoulDate, seoulTime } from './order-words.ts';

describe('how an order reads in Korean', () => {
  it('shows instants in Seoul time, whatever the browser’s zone', () => {
    // 14:00 UTC is 23:00 in Seoul.
    expect(seoulTime('2026-12-08T14:00:00.000Z')).toContain('오후 11:00');
    expect(seoulTime('2026-12-08T14:00:00.000Z')).toContain('12. 8.');
    expect(seoulTime('not a time')).toBe('not a time');
  });

  it('names the weekday of a delivery date', () => {
    expect(seoulDate('2026-12-10')).toBe('12월 10일 (목)');
  });

  it('labels statuses, and shows an unknown one as it came', () => {
    expect(labelOf(orderStatusLabels, 'awaiting_payment')).toBe('결제 대기');
    expect(labelOf(orderStatusLabels, 'on_the_moon')).toBe('on_the_moon');
  });

  it("says nothing beside a line going out as ordered, and a line's other states in Korean", () => {
    expect(lineStatusNote('active')).toBeNull();
    expect(lineStatusNote(null)).toBeNull();
    expect(lineStatusNote('refunded')).toBe('환불');
    expect(lineStatusNote('waiting')).toBe('다음 수확을 기다리는 중');
  });
});
