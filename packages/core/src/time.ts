/** Times are stored in UTC and shown in Korea's time zone (UTC+9, no daylight saving). */
export const SEOUL_TIME_ZONE = 'Asia/Seoul';

/** Injected wherever "now" matters, so tests can move time instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: SEOUL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Seoul as `YYYY-MM-DD` (en-CA formats dates that way). */
export function toSeoulDate(instant: Date): string {
  return dateParts.format(instant);
}

const dateTimeFormat = new Intl.DateTimeFormat('ko-KR', {
  timeZone: SEOUL_TIME_ZONE,
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** `2026. 11. 21. 오후 9:31`: how a shopper reads a timestamp. */
export function formatSeoulDateTime(instant: Date): string {
  return dateTimeFormat.format(instant);
}

/** The UTC instant at which the given Seoul calendar date (`YYYY-MM-DD`) begins. */
export function seoulDayStart(seoulDate: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(seoulDate)) throw new RangeError(`expected YYYY-MM-DD, got ${seoulDate}`);
  return new Date(`${seoulDate}T00:00:00+09:00`);
}
