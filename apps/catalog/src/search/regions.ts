/**
 * The 17 시/도 and the ways people write them. Farmers type their 시/도 by hand ("경북",
 * "경상북도"), and 강원 and 전북 were renamed (강원특별자치도 in 2023, 전북특별자치도 in 2024),
 * so a region filter matches every spelling of the one it names.
 */
const provinces: readonly (readonly string[])[] = [
  ['서울특별시', '서울', '서울시'],
  ['부산광역시', '부산', '부산시'],
  ['대구광역시', '대구', '대구시'],
  ['인천광역시', '인천', '인천시'],
  ['광주광역시', '광주', '광주시'],
  ['대전광역시', '대전', '대전시'],
  ['울산광역시', '울산', '울산시'],
  ['세종특별자치시', '세종', '세종시'],
  ['경기도', '경기'],
  ['강원특별자치도', '강원도', '강원'],
  ['충청북도', '충북'],
  ['충청남도', '충남'],
  ['전북특별자치도', '전라북도', '전북'],
  ['전라남도', '전남'],
  ['경상북도', '경북'],
  ['경상남도', '경남'],
  ['제주특별자치도', '제주도', '제주'],
];

const bySpelling = new Map(provinces.flatMap((spellings) => spellings.map((spelling) => [spelling, spellings])));

/** Every spelling of the 시/도 `name` is one of (its official name first), or undefined if it names none. */
export function provinceSpellings(name: string): readonly string[] | undefined {
  return bySpelling.get(name.normalize('NFC'));
}

export interface RegionFilter {
  /** All spellings of the 시/도. */
  sido: readonly string[];
  /** A 시/군/구 or the start of one ("청송" finds 청송군), if given. */
  sigungu?: string;
}

/**
 * Reads `region` as "시/도" or "시/도 시/군/구" ("경상북도", "경북 청송군", "제주 서귀포"),
 * or undefined when it does not start with a 시/도.
 */
export function parseRegion(text: string): RegionFilter | undefined {
  const [first, ...rest] = text.normalize('NFC').trim().split(/\s+/);
  const sido = first === undefined ? undefined : provinceSpellings(first);
  if (!sido) return undefined;
  const sigungu = rest.join(' ');
  return sigungu ? { sido, sigungu } : { sido };
}
