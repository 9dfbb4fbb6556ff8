/** Money is integer KRW everywhere: the won has no minor unit, so floats never appear. */
export type Krw = number & { readonly __brand: 'KRW' };

export function krw(amount: number): Krw {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`KRW must be a whole number of won, got ${amount}`);
  return amount as Krw;
}

const krwFormat = new Intl.NumberFormat('ko-KR');

/** `39000` → `39,000원`, the way Korean shops print prices. */
export function formatKrw(amount: number): string {
  return `${krwFormat.format(amount)}원`;
}

/**
 * Reads a price typed by a person: `39,000`, `39000원`, ` 39 000 `. Returns null when it is
 * not a whole number of won, so callers can report the field instead of guessing.
 */
export function parseKrw(text: string): Krw | null {
  const cleaned = text.trim().replace(/원$/, '').replaceAll(',', '').replaceAll(' ', '');
  if (!/^-?\d+$/.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isSafeInteger(value) ? (value as Krw) : null;
}
