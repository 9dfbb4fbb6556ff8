/*
 * Where a 5-digit 우편번호 (국가기초구역번호, in use since 2015) is, as committed data. The
 * first digits name the 시·도 (우정사업본부's 기초구역 numbering: 서울 01–08, 경기 10–18, 인천
 * 21–23, 강원 24–26, 충북 27–29, 세종 30, 충남 31–33, 대전 34–35, 경북 36–40, 대구 41–43,
 * 울산 44–45, 부산 46–49, 경남 50–53, 전북 54–56, 전남 57–60, 광주 61–62, 제주 63000–63644).
 * Numbers outside those blocks are not assigned: we do not guess, we refuse them.
 *
 * 도서산간 ranges are the list Korean couriers bill an island surcharge for (as the big
 * marketplaces publish it for sellers: 울릉, 옹진, the islands of 신안·진도·완도·여수·통영 and
 * others). When a courier contract brings its own table, replace REMOTE_RANGES with it.
 * The dawn area is 서울 and the 수도권 cities the hub's night run reaches: 인천 except its
 * islands, 경기 except 연천·가평·양평 (beyond the run's last drop-off at 07:00).
 */

export type Range = readonly [from: number, to: number, name: string];

/** Every assigned block: anything else is an unknown postcode. */
export const ASSIGNED_RANGES: readonly Range[] = [
  [1000, 8999, '서울'],
  [10000, 18999, '경기'],
  [21000, 23999, '인천'],
  [24000, 26999, '강원'],
  [27000, 29999, '충북'],
  [30000, 30999, '세종'],
  [31000, 33999, '충남'],
  [34000, 35999, '대전'],
  [36000, 40999, '경북'],
  [41000, 43999, '대구'],
  [44000, 45999, '울산'],
  [46000, 49999, '부산'],
  [50000, 53999, '경남'],
  [54000, 56999, '전북'],
  [57000, 60999, '전남'],
  [61000, 62999, '광주'],
  [63000, 63644, '제주'],
];

export const JEJU_RANGES: readonly Range[] = [[63000, 63644, '제주']];

/** Islands and remote mountain areas with a courier surcharge and a longer transit. */
export const REMOTE_RANGES: readonly Range[] = [
  [22386, 22388, '인천 중구 섬 지역 (무의도 등)'],
  [23004, 23010, '인천 강화군 섬 지역 (교동·삼산·서도)'],
  [23100, 23116, '인천 옹진군'],
  [23124, 23136, '인천 옹진군'],
  [31708, 31708, '충남 당진시 섬 지역'],
  [32133, 32133, '충남 태안군 섬 지역'],
  [33411, 33411, '충남 보령시 섬 지역'],
  [40200, 40240, '경북 울릉군'],
  [46768, 46771, '부산 강서구 섬 지역 (가덕도)'],
  [52570, 52571, '경남 사천시 섬 지역'],
  [53031, 53033, '경남 통영시 섬 지역'],
  [53089, 53104, '경남 통영시 섬 지역'],
  [54000, 54000, '전북 군산시 섬 지역'],
  [56347, 56349, '전북 부안군 섬 지역 (위도)'],
  [57068, 57069, '전남 영광군 섬 지역'],
  [58760, 58762, '전남 목포시 섬 지역'],
  [58800, 58810, '전남 신안군'],
  [58816, 58818, '전남 신안군'],
  [58826, 58826, '전남 신안군'],
  [58828, 58866, '전남 신안군'],
  [58953, 58958, '전남 진도군 섬 지역'],
  [59102, 59103, '전남 완도군 섬 지역'],
  [59106, 59106, '전남 완도군 섬 지역'],
  [59127, 59127, '전남 완도군 섬 지역'],
  [59129, 59129, '전남 완도군 섬 지역'],
  [59137, 59166, '전남 완도군 섬 지역'],
  [59650, 59650, '전남 여수시 섬 지역'],
  [59766, 59766, '전남 여수시 섬 지역'],
  [59781, 59790, '전남 여수시 섬 지역'],
];

/** 수도권 postcodes the hub's dawn run reaches. REMOTE_RANGES are checked first and win. */
export const DAWN_RANGES: readonly Range[] = [
  [1000, 8999, '서울'],
  [10000, 10999, '경기 (김포·고양·파주)'],
  [11100, 12399, '경기 (포천·양주·동두천·의정부·구리·남양주)'],
  [12600, 18999, '경기 남부 (여주·광주·하남·성남·수원·용인·화성·평택 등)'],
  [21000, 23099, '인천'],
];

/** Postcodes outside the run on purpose, named so the answer can say why. */
export const NOT_DAWN_NOTES: readonly Range[] = [
  [11000, 11099, '경기 연천군'],
  [12400, 12499, '경기 가평군'],
  [12500, 12599, '경기 양평군'],
];
