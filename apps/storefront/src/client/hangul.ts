const INITIALS = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const FIRST_SYLLABLE = 0xac00;
const LAST_SYLLABLE = 0xd7a3;
const SYLLABLES_PER_INITIAL = 588;

/** Lower case, NFC, no spaces: `샤인 머스캣` and `샤인머스캣` are one search. */
export function normalize(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, '');
}

/** The initial consonants (초성) of every syllable: `사과` → `ㅅㄱ`, how Koreans type a quick search. */
export function initials(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    out +=
      code >= FIRST_SYLLABLE && code <= LAST_SYLLABLE
        ? (INITIALS[Math.floor((code - FIRST_SYLLABLE) / SYLLABLES_PER_INITIAL)] ?? char)
        : char;
  }
  return out;
}

/** True when the query is typed only in initial consonants (`ㅅㄱ`). */
export const isInitialsOnly = (query: string): boolean => query.length > 0 && /^[ㄱ-ㅎ]+$/.test(query);
