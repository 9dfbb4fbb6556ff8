import { describe, expect, it } from 'vitest';
import { paymentFailureText, purchaseProblemText } from './problem-text.ts';

describe('Korean messages for a failed purchase call', () => {
  it.each([
    ['price_changed', 409, '가격이 바뀌었어요'],
    ['date_full', 409, '배송일이 마감됐어요'],
    ['area_unserved', 409, '배송할 수 없어요'],
    ['email_not_verified', 403, '이메일 인증이 필요해요'],
    ['sold_out', 409, '품절된 상품이 있어요'],
  ])('%s says what happened and what to do', (code, status, expected) => {
    expect(purchaseProblemText(status, { code })).toContain(expected);
  });

  it("keeps the service's own Korean detail when it names the item", () => {
    expect(purchaseProblemText(409, { code: 'sold_out', detail: '품절된 상품이 있어요: 부사 사과 특품 5kg' })).toBe(
      '품절된 상품이 있어요: 부사 사과 특품 5kg',
    );
  });

  it('never shows an English detail or a stack', () => {
    expect(purchaseProblemText(500, { detail: 'TypeError at foo.ts:1' })).toBe(
      '잠시 문제가 생겼어요. 잠시 후 다시 시도해 주세요.',
    );
    expect(purchaseProblemText(0, null)).toContain('연결');
  });
});

describe("the fail page's reading of Toss codes", () => {
  it('explains a card refusal and offers to pay again', () => {
    expect(paymentFailureText('REJECT_CARD_COMPANY', 'rejected')).toEqual({
      text: '카드사에서 결제를 거절했어요. 다른 카드나 결제 수단으로 다시 결제해 주세요.',
      retry: true,
    });
  });

  it("falls back to the PG's Korean message for a code it does not know", () => {
    expect(paymentFailureText('SOMETHING_NEW', '잔액이 부족해요.').text).toBe('잔액이 부족해요. 다시 결제해 주세요.');
    expect(paymentFailureText(null, 'English only').text).toBe('결제하지 못했어요. 다시 결제해 주세요.');
  });
});
