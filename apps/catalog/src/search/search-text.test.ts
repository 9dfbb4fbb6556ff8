import { describe, expect, it } from 'vitest';
import { decodeSearchCursor, encodeSearchCursor, type SearchCursor } from './cursor.ts';
import { parseRegion, provinceSpellings } from './regions.ts';
import { MAX_SEARCH_WORDS, parseSearchText } from './search-text.ts';

describe('search text', () => {
  it('splits words on spaces and punctuation, once each, lower case', () => {
    expect(parseSearchText(' 사과/부사 · 사과, Shine-Muscat ')).toEqual({
      words: ['사과', '부사', 'shine', 'muscat'],
      grades: [],
    });
    expect(parseSearchText(undefined)).toEqual({ words: [], grades: [] });
    expect(parseSearchText('%_\\')).toEqual({ words: [], grades: [] });
  });

  it('composes decomposed Hangul and narrows full-width letters', () => {
    expect(parseSearchText('한라봉'.normalize('NFD')).words).toEqual(['한라봉']);
    expect(parseSearchText('ＧＡＰ 사과').words).toEqual(['gap', '사과']);
  });

  it('reads 못난이 and its synonyms as a grade, not a word', () => {
    expect(parseSearchText('못난이 사과')).toEqual({ words: ['사과'], grades: ['못난이'] });
    expect(parseSearchText('흠과 B급 파치')).toEqual({ words: [], grades: ['못난이'] });
  });

  it(`keeps the first ${MAX_SEARCH_WORDS} words`, () => {
    expect(parseSearchText('가 나 다 라 마 바 사').words).toEqual(['가', '나', '다', '라', '마']);
  });
});

describe('regions', () => {
  it('knows each 시/도 by its usual names, old ones included', () => {
    expect(provinceSpellings('경북')).toEqual(['경상북도', '경북']);
    expect(provinceSpellings('전라북도')).toContain('전북특별자치도');
    expect(provinceSpellings('강원도')).toContain('강원특별자치도');
    expect(provinceSpellings('청송군')).toBeUndefined();
  });

  it('reads "시/도 [시/군/구]"', () => {
    expect(parseRegion('제주 서귀포')).toEqual({ sido: ['제주특별자치도', '제주도', '제주'], sigungu: '서귀포' });
    expect(parseRegion(' 충청북도 ')).toEqual({ sido: ['충청북도', '충북'] });
    expect(parseRegion('경상북도 청송군 부남면')).toEqual({ sido: ['경상북도', '경북'], sigungu: '청송군 부남면' });
    expect(parseRegion('청송군')).toBeUndefined();
    expect(parseRegion('')).toBeUndefined();
  });
});

describe('search cursors', () => {
  const id = '0196f0c2-7b3a-7c1e-8f00-000000000020';

  it.each<SearchCursor>([
    { sort: 'relevance', score: 560, id },
    { sort: 'price_asc', priceKrw: 39_000, id },
    { sort: 'price_desc', priceKrw: 1, id },
    { sort: 'newest_harvest', harvestedOn: '2026-11-18', id },
    { sort: 'newest_harvest', harvestedOn: null, id },
    { sort: 'popularity', id },
  ])('round-trip %o', (cursor) => {
    const text = encodeSearchCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSearchCursor(text)).toEqual(cursor);
  });

  it('carry no sales figure for popularity', () => {
    const decoded = JSON.parse(
      Buffer.from(encodeSearchCursor({ sort: 'popularity', id }), 'base64url').toString('utf8'),
    );
    expect(decoded).toEqual({ s: 'popularity', i: id });
  });

  it.each([
    'garbage',
    '',
    Buffer.from('{"s":"price_asc","k":-5,"i":"x"}').toString('base64url'),
    Buffer.from('{"s":"price_asc","k":"1; drop table","i":"0196f0c2-7b3a-7c1e-8f00-000000000020"}').toString(
      'base64url',
    ),
    Buffer.from('{"s":"random","i":"0196f0c2-7b3a-7c1e-8f00-000000000020"}').toString('base64url'),
  ])('reject %s', (text) => {
    expect(decodeSearchCursor(text)).toBeUndefined();
  });
});
