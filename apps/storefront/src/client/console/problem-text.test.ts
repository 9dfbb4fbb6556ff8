import { describe, expect, it } from 'vitest';
import { fieldErrors, koreanPart, problemText } from './problem-text.ts';

describe('what the console tells a farmer about a failed call', () => {
  it("keeps the Korean half of catalog's bilingual messages", () => {
    expect(
      koreanPart(
        "3행 '등급': '최상'은(는) 알 수 없는 등급입니다. 등급은 특, 상, 보통, 못난이 중 하나입니다. Row 3, column '등급': Unknown grade '최상'; use one of 특, 상, 보통, 못난이.",
      ),
    ).toBe("3행 '등급': '최상'은(는) 알 수 없는 등급입니다. 등급은 특, 상, 보통, 못난이 중 하나입니다.");
    expect(koreanPart('사진 파일이 너무 큽니다(최대 10MB). Send a photo of at most 10485760 bytes.')).toBe(
      '사진 파일이 너무 큽니다(최대 10MB).',
    );
  });

  it("treats a message that opens in English as English, even with Hangul in it (identity's)", () => {
    expect(koreanPart('Enter the 10-digit business registration number (사업자등록번호) exactly as registered.')).toBe(
      '',
    );
    expect(koreanPart('No farm with this id.')).toBe('');
  });

  it('falls back to a Korean sentence by status that says what to do', () => {
    expect(problemText(404, { detail: 'No farm with this id.' })).toContain('다시 시도해 주세요');
    expect(problemText(503, null)).toContain('잠시 후 다시 시도해 주세요');
    expect(problemText(0, null)).toContain('인터넷 연결을 확인');
    expect(problemText(409, { detail: '이미 끝난 로트입니다. This lot has ended.' })).toBe('이미 끝난 로트입니다.');
    // A 401 is always "log in again", whatever the service wrote.
    expect(problemText(401, { detail: '토큰이 만료되었습니다. Token expired.' })).toContain('다시 로그인');
  });

  it("puts a Korean hint on each field identity named in English, and catalog's own Korean where it has one", () => {
    const errors = fieldErrors(
      {
        errors: [
          { field: 'body.zoneCode', message: 'Enter the five-digit postal code.' },
          { field: 'regionSido', message: '시/도 이름을 정확히 입력하세요 (예: 충청북도). Use the full 시/도 name.' },
          { field: 'phone', message: 'Enter a Korean phone number.' },
        ],
      },
      { zoneCode: '우편번호 5자리를 숫자로 적어 주세요.' },
    );
    expect(errors).toEqual({
      zoneCode: '우편번호 5자리를 숫자로 적어 주세요.',
      regionSido: '시/도 이름을 정확히 입력하세요 (예: 충청북도).',
      phone: '이 칸을 다시 확인해 주세요.',
    });
  });
});
