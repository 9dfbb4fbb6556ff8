/*
 * Seoul calendar arithmetic without Intl: Korea has kept UTC+9 with no daylight saving since
 * 1988, so a Seoul date is the UTC date of the instant moved nine hours on. The promise runs
 * these a few hundred times per cart, so they stay plain integer maths.
 */

const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of the instant in Seoul. */
export function seoulDateOf(instant: Date): string {
  return new Date(instant.getTime() + SEOUL_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes past Seoul midnight of the instant (0–1439). */
export function seoulMinutesOf(instant: Date): number {
  return Math.floor(((instant.getTime() + SEOUL_OFFSET_MS) % DAY_MS) / 60_000);
}

const utcMidnight = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** The instant `minutes` after midnight of the Seoul date. */
export function seoulInstant(date: string, minutes: number): Date {
  return new Date(utcMidnight(date) - SEOUL_OFFSET_MS + minutes * 60_000);
}

export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}
