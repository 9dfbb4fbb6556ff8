import { seoulDayStart, toSeoulDate, ValidationFailed } from '@fruitables/core';

/** A Seoul calendar range `from`–`to` (inclusive) as UTC instants [from, to + 1 day). */
export function seoulRange(query: { from?: string | undefined; to?: string | undefined }, now: Date) {
  const to = query.to ?? toSeoulDate(now);
  const from = query.from ?? toSeoulDate(new Date(seoulDayStart(to).getTime() - 29 * 86_400_000));
  if (from > to) {
    throw new ValidationFailed('시작일이 종료일보다 늦어요. from is after to.', [
      { field: 'from', message: 'must not be after to' },
    ]);
  }
  return { from, to, range: { from: seoulDayStart(from), to: new Date(seoulDayStart(to).getTime() + 86_400_000) } };
}
