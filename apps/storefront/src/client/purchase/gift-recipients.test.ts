import { describe, expect, it } from 'vitest';
import type { CartView } from '../answers/orders.ts';
import { checkGiftRows, emptyGiftRow, fileRowErrors, giftCheckoutBody } from './gift-recipients.ts';

const addressed = {
  ...emptyGiftRow('2026-09-14'),
  name: '김민지',
  phone: '010-1234-5678',
  postcode: '06236',
  address1: '서울특별시 강남구 테헤란로 123',
  cardMessage: '추석 잘 보내세요',
};
const byLink = { ...emptyGiftRow('2026-09-14'), name: '이서준', phone: '01022223333', addressByLink: true };

describe('the checkout gift list', () => {
  it('asks an address only of recipients who do not give their own through the link', () => {
    expect(checkGiftRows([addressed, byLink])).toEqual([]);
    expect(checkGiftRows([{ ...byLink, addressByLink: false }]).map((p) => [p.index, p.field])).toEqual([
      [0, 'postcode'],
      [0, 'address1'],
    ]);
    expect(checkGiftRows([{ ...addressed, phone: '02-123', deliveryDate: '' }]).map((p) => p.field)).toEqual([
      'phone',
      'deliveryDate',
    ]);
  });

  it('sends every cart line to each recipient, a link recipient without any address field', () => {
    const view = {
      items: [{ offerId: 'o1', quantity: 2, unitPrice: 25_000, farmId: 'f1' }],
    } as unknown as CartView;
    const body = giftCheckoutBody(view, { dates: new Map(), policies: new Map([['o1', 'wait']]) }, [addressed, byLink]);
    expect(body.items).toEqual([{ offerId: 'o1', quantity: 2, expectedUnitPrice: 25_000, cropFailurePolicy: 'wait' }]);
    expect(body.recipients[0]).toMatchObject({ postcode: '06236', cardMessage: '추석 잘 보내세요' });
    expect(body.recipients[1]).toEqual({
      name: '이서준',
      phone: '01022223333',
      cardMessage: null,
      deliveryDate: '2026-09-14',
      addressByLink: true,
    });
  });

  it("reads orders' row errors as the spreadsheet's rows and Korean column names", () => {
    expect(
      fileRowErrors([
        { field: 'rows[3].phone', message: '휴대폰 번호를 010-1234-5678처럼 적어 주세요.' },
        { field: 'rows[1].deliveryDate', message: "'배송일' 열이 없어요." },
        { field: 'file', message: '파일을 읽지 못했어요.' },
      ]).map((error) => [error.row, error.column]),
    ).toEqual([
      [3, '휴대폰'],
      [1, '배송일'],
      [0, ''],
    ]);
  });
});
