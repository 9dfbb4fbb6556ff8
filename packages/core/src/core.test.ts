import { describe, expect, it } from 'vitest';
import {
  formatKrw,
  formatSeoulDateTime,
  isUuidV7,
  newId,
  parseKrw,
  seoulDayStart,
  toSeoulDate,
  uuidV7Timestamp,
} from './index.ts';

describe('ids', () => {
  it('makes time-ordered UUIDv7 ids', () => {
    const before = Date.now();
    const ids = Array.from({ length: 50 }, () => newId());
    expect(ids.every(isUuidV7)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    const stamp = uuidV7Timestamp(ids[0] ?? '');
    expect(stamp).toBeGreaterThanOrEqual(before - 1);
    expect(stamp).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('refuses to read a timestamp from a non-v7 id', () => {
    expect(() => uuidV7Timestamp(crypto.randomUUID())).toThrow(/UUIDv7/);
  });
});

describe('money', () => {
  it('formats won the Korean way', () => {
    expect(formatKrw(39000)).toBe('39,000원');
    expect(formatKrw(0)).toBe('0원');
  });

  it('parses prices as people type them and rejects the rest', () => {
    expect(parseKrw('39,000')).toBe(39000);
    expect(parseKrw(' 19900원 ')).toBe(19900);
    expect(parseKrw('abc')).toBeNull();
    expect(parseKrw('12.5')).toBeNull();
    expect(parseKrw('')).toBeNull();
  });
});

describe('time', () => {
  it('shows UTC instants as Seoul dates across midnight', () => {
    expect(toSeoulDate(new Date('2026-11-21T14:59:59Z'))).toBe('2026-11-21');
    expect(toSeoulDate(new Date('2026-11-21T15:00:00Z'))).toBe('2026-11-22');
  });

  it('finds the UTC start of a Seoul day', () => {
    expect(seoulDayStart('2026-11-22').toISOString()).toBe('2026-11-21T15:00:00.000Z');
    expect(() => seoulDayStart('22/11/2026')).toThrow(RangeError);
  });

  it('formats a timestamp in Korean', () => {
    expect(formatSeoulDateTime(new Date('2026-11-21T12:31:00Z'))).toContain('오후 9:31');
  });
});
