import { describe, expect, it } from 'vitest';
import type { FarmPromise } from '../answers/logistics.ts';
import type { CartView } from '../answers/orders.ts';
import { checkoutBody, checkRecipient, chosenDate, farmFee, inputOf, type Recipient } from './checkout-request.ts';

const FARM = '0193a0c4-5b1e-7c3a-9f00-00000000000a';

const promise = (fee: FarmPromise['fee']): FarmPromise => ({
  farmId: FARM,
  area: 'dawn',
  deliverable: true,
  reason: null,
  orderBy: null,
  earliest: null,
  headline: '목요일 새벽 7시 전 도착',
  dates: [
    { date: '2026-12-10', dispatchDate: '2026-12-09', available: false, label: '12월 10일 (목) 새벽 7시 전' },
    { date: '2026-12-11', dispatchDate: '2026-12-10', available: true, label: '12월 11일 (금) 새벽 7시 전' },
    { date: '2026-12-12', dispatchDate: '2026-12-11', available: true, label: '12월 12일 (토) 새벽 7시 전' },
  ],
  fee,
});

const recipient: Recipient = {
  name: '김민지',
  phone: '010-1234-5678',
  postcode: '06236',
  address1: '서울특별시 강남구 테헤란로 152',
  address2: '101동 1502호',
  deliveryNote: null,
};

describe('the checkout form', () => {
  it('starts each farm at its earliest open date, keeping an earlier choice while it stays open', () => {
    const p = promise({ baseFee: 3_000, freeFrom: 30_000, surcharge: 0 });
    expect(chosenDate(p, undefined)).toBe('2026-12-11');
    expect(chosenDate(p, '2026-12-12')).toBe('2026-12-12');
    // A date that filled up meanwhile is not kept.
    expect(chosenDate(p, '2026-12-10')).toBe('2026-12-11');
    expect(chosenDate(undefined, '2026-12-12')).toBeUndefined();
  });

  it("applies the farm's fee rule with the 제주·도서산간 surcharge", () => {
    expect(farmFee(20_000, promise({ baseFee: 3_000, freeFrom: 30_000, surcharge: 0 }), 9)).toBe(3_000);
    expect(farmFee(30_000, promise({ baseFee: 3_000, freeFrom: 30_000, surcharge: 0 }), 9)).toBe(0);
    expect(farmFee(30_000, promise({ baseFee: 3_000, freeFrom: 30_000, surcharge: 5_000 }), 9)).toBe(5_000);
    expect(farmFee(30_000, undefined, 2_500)).toBe(2_500);
  });

  it('asks for what is missing, in Korean, by input', () => {
    expect(checkRecipient(recipient)).toEqual([]);
    const problems = checkRecipient({ ...recipient, name: '', phone: '12', postcode: '0623', address1: '' });
    expect(problems.map((problem) => problem.field)).toEqual([
      'recipient-name',
      'recipient-phone',
      'recipient-postcode',
      'recipient-address1',
    ]);
  });

  it('sends the prices it showed, each line’s policy and each farm’s date', () => {
    const view: CartView = {
      items: [
        {
          offerId: 'o1',
          productId: 'p1',
          farmId: FARM,
          farmName: '햇살농원',
          title: '부사 사과',
          grade: '특',
          packKg: 5,
          quantity: 2,
          unitPrice: 13_000,
          addedUnitPrice: 13_000,
          priceChanged: false,
          stockState: 'in_stock',
          perOrderLimit: null,
          lineTotal: 26_000,
          productUrl: '/products/p1/',
        },
      ],
      farms: [{ farmId: FARM, farmName: '햇살농원', goodsTotal: 26_000, deliveryFee: 3_000, promise: null }],
      goodsTotal: 26_000,
      deliveryTotal: 3_000,
      total: 29_000,
      problems: [],
    };
    const body = checkoutBody(
      view,
      { dates: new Map([[FARM, '2026-12-11']]), policies: new Map([['o1', 'substitute']]) },
      recipient,
    );
    expect(body).toEqual({
      items: [{ offerId: 'o1', quantity: 2, expectedUnitPrice: 13_000, cropFailurePolicy: 'substitute' }],
      recipient: {
        name: '김민지',
        phone: '010-1234-5678',
        postcode: '06236',
        address1: '서울특별시 강남구 테헤란로 152',
        address2: '101동 1502호',
        deliveryNote: null,
      },
      deliveryDates: { [FARM]: '2026-12-11' },
    });
  });

  it("puts orders' field problems under the right input", () => {
    expect(inputOf('body.recipient.phone')).toBe('recipient-phone');
    expect(inputOf('recipient.deliveryNote')).toBe('recipient-note');
    expect(inputOf('items.0.quantity')).toBe('');
  });
});
