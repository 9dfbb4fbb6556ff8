/**
 * Lot codes made for rows that left theirs empty: `H` + harvest day (yymmdd) + `-` + a
 * sequence, e.g. `H261112-001`. Readable on a box label, sorted by day, and unique per farm
 * because the sequence skips every code the farm or the file already uses.
 */
export const generatedLotPrefix = (harvestedOn: string): string =>
  `H${harvestedOn.slice(2, 4)}${harvestedOn.slice(5, 7)}${harvestedOn.slice(8, 10)}-`;

/** `H261112-`: every generated code starts with this many characters of prefix. */
export const GENERATED_PREFIX_LENGTH = 8;

/** Hands out the next free code per harvest day; `taken` holds every code already in use. */
export function createLotCodeGenerator(taken: Set<string>): (harvestedOn: string) => string {
  const next = new Map<string, number>();
  return (harvestedOn) => {
    const prefix = generatedLotPrefix(harvestedOn);
    let sequence = next.get(prefix) ?? 1;
    let code = `${prefix}${String(sequence).padStart(3, '0')}`;
    while (taken.has(code)) {
      sequence++;
      code = `${prefix}${String(sequence).padStart(3, '0')}`;
    }
    next.set(prefix, sequence + 1);
    taken.add(code);
    return code;
  };
}
