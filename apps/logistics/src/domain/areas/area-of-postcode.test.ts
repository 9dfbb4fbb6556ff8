import { describe, expect, it } from 'vitest';
import { areaOfPostcode } from './area-of-postcode.ts';

const surcharges = { jeju: 3_000, remote: 5_000 };
const areaOf = (postcode: string) => {
  const found = areaOfPostcode(postcode, surcharges);
  return found.served ? found.area : 'unserved';
};

describe('areas by 우편번호', () => {
  it.each([
    ['01000', 'dawn'], // 서울 도봉
    ['06236', 'dawn'], // 서울 강남
    ['08999', 'dawn'],
    ['10881', 'dawn'], // 파주
    ['16500', 'dawn'], // 수원
    ['21500', 'dawn'], // 인천 남동
    ['11030', 'parcel'], // 연천: beyond the night run
    ['12422', 'parcel'], // 가평
    ['48058', 'parcel'], // 부산
    ['34100', 'parcel'], // 대전
    ['63000', 'jeju'],
    ['63644', 'jeju'],
    ['40200', 'remote'], // 울릉
    ['40240', 'remote'],
    ['23100', 'remote'], // 옹진
    ['58830', 'remote'], // 신안
    ['59140', 'remote'], // 완도 섬
    ['00999', 'unserved'],
    ['09000', 'unserved'],
    ['19999', 'unserved'],
    ['63645', 'unserved'],
    ['70000', 'unserved'],
    ['99999', 'unserved'],
  ])('%s → %s', (postcode, expected) => {
    expect(areaOf(postcode)).toBe(expected);
  });

  it('surcharges 제주 and 도서산간, with a longer transit', () => {
    expect(areaOfPostcode('63100', surcharges)).toEqual({
      served: true,
      area: 'jeju',
      surcharge: 3_000,
      transitDays: 2,
    });
    expect(areaOfPostcode('40220', surcharges)).toEqual({
      served: true,
      area: 'remote',
      surcharge: 5_000,
      transitDays: 3,
    });
  });

  it('says in Korean why an unknown postcode cannot be served', () => {
    expect(areaOfPostcode('99999', surcharges)).toEqual({
      served: false,
      reason: '99999은(는) 배송할 수 없는 우편번호예요. 주소 검색으로 우편번호를 다시 확인해 주세요.',
    });
    expect(areaOfPostcode('1234', surcharges).served).toBe(false);
  });
});
