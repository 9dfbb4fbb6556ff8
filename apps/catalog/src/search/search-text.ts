import type { Grade } from '@fruitables/schema-catalog';

/** More words than this in `q` are ignored: every word is one more condition to match. */
export const MAX_SEARCH_WORDS = 5;

/** Words shoppers use for the 못난이 grade; in `q` they filter by grade instead of matching names. */
const gradeWords = new Map<string, Grade>([
  ['못난이', '못난이'],
  ['흠과', '못난이'],
  ['파치', '못난이'],
  ['b급', '못난이'],
  ['못생긴', '못난이'],
]);

export interface SearchText {
  /** Words to find in fruit, variety, farm name or region, each at least once (AND). */
  words: string[];
  /** Grades named in the text ("못난이 사과"), as a filter. */
  grades: Grade[];
}

/**
 * Splits free text into search words. NFKC first: a macOS keyboard or a copy from a PDF may
 * send decomposed Hangul (ᄉ+ᅡ for 사) or full-width Latin, which would match nothing as
 * stored. Anything but letters and digits separates words ("사과/부사", "샤인·머스캣").
 */
export function parseSearchText(text: string | undefined): SearchText {
  const words: string[] = [];
  const grades = new Set<Grade>();
  for (const word of (text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const grade = gradeWords.get(word);
    if (grade) grades.add(grade);
    else if (!words.includes(word) && words.length < MAX_SEARCH_WORDS) words.push(word);
  }
  return { words, grades: [...grades] };
}
