/*
 * Korean public holidays (관공서의 공휴일에 관한 규정), 2026–2028, as committed data: the
 * promise never asks a network service. Sources: 한국천문연구원 (KASI) 월력요항 2026 for 2026;
 * for 2027 and 2028 the lunar dates (설날, 부처님오신날, 추석) from KASI's 음양력 변환 and the
 * substitute rules of the 2023 amendment: a holiday on a Sunday or on another holiday moves to
 * the next working day, 어린이날 also from a Saturday, and since 2023 부처님오신날 and 성탄절 too;
 * 설날 and 추석 take a substitute only for a Sunday or another holiday (not a Saturday), 신정
 * and 현충일 never. Election days are holidays (지방선거 2026-06-03, 국회의원선거 2028-04-12).
 * KASI publishes each year's 월력요항 the June before: check 2027 and 2028 against it then,
 * and add temporary holidays (임시공휴일) as they are announced.
 */
export const koreanHolidays: ReadonlyMap<string, string> = new Map([
  // 2026
  ['2026-01-01', '신정'],
  ['2026-02-16', '설날 연휴'],
  ['2026-02-17', '설날'],
  ['2026-02-18', '설날 연휴'],
  ['2026-03-01', '삼일절'],
  ['2026-03-02', '삼일절 대체공휴일'],
  ['2026-05-05', '어린이날'],
  ['2026-05-24', '부처님오신날'],
  ['2026-05-25', '부처님오신날 대체공휴일'],
  ['2026-06-03', '전국동시지방선거'],
  ['2026-06-06', '현충일'],
  ['2026-08-15', '광복절'],
  ['2026-08-17', '광복절 대체공휴일'],
  ['2026-09-24', '추석 연휴'],
  ['2026-09-25', '추석'],
  ['2026-09-26', '추석 연휴'],
  ['2026-10-03', '개천절'],
  ['2026-10-05', '개천절 대체공휴일'],
  ['2026-10-09', '한글날'],
  ['2026-12-25', '성탄절'],
  // 2027
  ['2027-01-01', '신정'],
  ['2027-02-05', '설날 연휴'],
  ['2027-02-06', '설날'],
  ['2027-02-07', '설날 연휴'],
  ['2027-02-08', '설날 대체공휴일'],
  ['2027-03-01', '삼일절'],
  ['2027-05-05', '어린이날'],
  ['2027-05-13', '부처님오신날'],
  ['2027-06-06', '현충일'],
  ['2027-08-15', '광복절'],
  ['2027-08-16', '광복절 대체공휴일'],
  ['2027-09-14', '추석 연휴'],
  ['2027-09-15', '추석'],
  ['2027-09-16', '추석 연휴'],
  ['2027-10-03', '개천절'],
  ['2027-10-04', '개천절 대체공휴일'],
  ['2027-10-09', '한글날'],
  ['2027-10-11', '한글날 대체공휴일'],
  ['2027-12-25', '성탄절'],
  ['2027-12-27', '성탄절 대체공휴일'],
  // 2028
  ['2028-01-01', '신정'],
  ['2028-01-25', '설날 연휴'],
  ['2028-01-26', '설날'],
  ['2028-01-27', '설날 연휴'],
  ['2028-03-01', '삼일절'],
  ['2028-04-12', '국회의원선거'],
  ['2028-05-02', '부처님오신날'],
  ['2028-05-05', '어린이날'],
  ['2028-06-06', '현충일'],
  ['2028-08-15', '광복절'],
  ['2028-10-02', '추석 연휴'],
  ['2028-10-03', '추석·개천절'],
  ['2028-10-04', '추석 연휴'],
  ['2028-10-05', '개천절 대체공휴일'],
  ['2028-10-09', '한글날'],
  ['2028-12-25', '성탄절'],
]);

/** The years the table covers: a date outside them is refused rather than guessed. */
export const HOLIDAY_YEARS = { first: 2026, last: 2028 } as const;

/**
 * 택배 없는 날: the parcel industry's rest day, agreed yearly since 2020 around 14 August
 * (the day before 광복절). No pick-up and no parcel delivery. Confirm each year's date.
 */
export const courierRestDays: ReadonlyMap<string, string> = new Map([
  ['2026-08-14', '택배 없는 날'],
  ['2027-08-13', '택배 없는 날'],
  ['2028-08-14', '택배 없는 날'],
]);
