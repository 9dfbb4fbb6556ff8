import { describe, expect, it } from 'vitest';
import {
  fulfilmentStatusName,
  normaliseTrackingNumber,
  seoulTime,
  seoulToday,
  shortageOutcome,
} from './purchase-text.ts';

describe('what the purchase pages tell a farmer', () => {
  it('says what each crop-failure choice will do with the short boxes, before the farmer reports', () => {
    expect(shortageOutcome('refund', 2)).toBe('2상자 값을 손님에게 바로 환불해요.');
    expect(shortageOutcome('substitute', 1)).toContain('다음 등급으로 바꿔 보내요');
    expect(shortageOutcome('substitute', 1)).toContain('더 받지 않아요');
    expect(shortageOutcome('wait', 3)).toContain('다음 수확 로트가 나올 때까지 기다려요');
    expect(shortageOutcome('refund', 0)).toBe('');
  });

  it('names statuses in Korean and shows an unknown one as it came', () => {
    expect(fulfilmentStatusName('paid')).toBe('포장 전');
    expect(fulfilmentStatusName('preparing')).toBe('포장 중');
    expect(fulfilmentStatusName('on_the_moon')).toBe('on_the_moon');
  });

  it("dates the dispatch day in Seoul, not the device's zone", () => {
    // 23:30 UTC on the 7th is 08:30 on the 8th in Seoul.
    expect(seoulToday(new Date('2026-12-07T23:30:00Z'))).toBe('2026-12-08');
    expect(seoulTime('2026-12-07T23:30:00Z')).toContain('8:30');
    expect(seoulTime(null)).toBe('-');
  });

  it('accepts a tracking number with the dashes couriers print, and refuses what is not one', () => {
    expect(normaliseTrackingNumber('6789-1234-5678')).toBe('678912345678');
    expect(normaliseTrackingNumber(' 1234 5678 9012 ')).toBe('123456789012');
    expect(normaliseTrackingNumber('CJ12345678')).toBeNull();
    expect(normaliseTrackingNumber('1234')).toBeNull();
  });
});
