import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import {
  parseAdminOrders,
  parseBalance,
  parseClosures,
  parseFarmFulfilments,
  parsePackingList,
  parseStatementLines,
  parseTrackingUpload,
} from './purchase-api.ts';

const line = {
  id: 'l1',
  offerId: 'o1',
  productId: 'p1',
  title: '충주 사과 부사 특 5kg',
  quantity: 2,
  unitPrice: 32_000,
  lineTotal: 64_000,
  cropFailurePolicy: 'substitute',
  status: 'paid',
  lots: [{ lotId: 'lot1', lotCode: 'A-1107', quantity: 2 }],
};

describe("reading the purchase services' answers without trusting them", () => {
  it("reads a farm's fulfilments, from { items } or a bare array, with the recipient and a single cancel request", () => {
    const fulfilment = {
      id: 'f1',
      orderId: 'ord1',
      orderNumber: '20261208-0001',
      status: 'preparing',
      dispatchDate: '2026-12-08',
      deliveryDate: '2026-12-09',
      recipient: { name: '김하늘' },
      goodsAmount: 64_000,
      lines: [line],
      cancelRequest: { id: 'c1', status: 'pending', reason: '잘못 주문했어요', lineIds: null, requestedAt: null },
    };
    const [read] = parseFarmFulfilments({ items: [fulfilment] });
    expect(read?.recipientName).toBe('김하늘');
    expect(read?.cancelRequests.map((request) => request.id)).toEqual(['c1']);
    expect(read?.lines[0]?.lots[0]?.lotCode).toBe('A-1107');
    expect(parseFarmFulfilments([fulfilment])).toHaveLength(1);
  });

  it('leaves out an item without an id and fills missing fields, so one odd row does not empty the page', () => {
    const read = parseFarmFulfilments({ items: [{ orderNumber: 'no id' }, { id: 'f2', lines: [{ id: 'l2' }] }] });
    expect(read).toHaveLength(1);
    expect(read[0]?.lines[0]).toMatchObject({ id: 'l2', title: '', quantity: 0, lots: [] });
    expect(read[0]?.cancelRequests).toEqual([]);
  });

  it('turns an answer it cannot read into a Korean error, not a blank page', () => {
    expect(() => parseFarmFulfilments('<html>')).toThrow(ApiError);
    expect(() => parseStatementLines({ items: [] })).toThrow('서버의 답을 읽지 못했어요');
  });

  it('reads the packing list by product and by shipment, under either name', () => {
    const list = parsePackingList({
      dispatchDate: '2026-12-08',
      byProduct: [{ title: '사과', quantity: 5, lots: [] }],
      byOrder: [{ id: 's1', orderNumber: '20261208-0001', recipient: { name: '김하늘' }, status: 'booked', lines: [] }],
    });
    expect(list.products[0]?.quantity).toBe(5);
    expect(list.shipments[0]).toMatchObject({ shipmentId: 's1', recipientName: '김하늘', carrierId: null });
  });

  it('reads a tracking upload: shipped count or row errors', () => {
    expect(parseTrackingUpload({ shipped: 3 })).toEqual({ shipped: 3, errors: [] });
    const failed = parseTrackingUpload({
      errors: [{ row: 2, column: '송장번호', code: 'x', message: '송장번호가 없어요' }],
    });
    expect(failed.errors[0]?.row).toBe(2);
  });

  it('reads balance, statements, admin orders and closures, with the alternative names', () => {
    expect(
      parseBalance({ available: 1000, nextPayout: { amount: 900, payoutDate: '2026-12-11', status: 'scheduled' } }),
    ).toEqual({
      available: 1000,
      pending: 0,
      onHold: 0,
      upcomingPayout: { amount: 900, scheduledFor: '2026-12-11', status: 'scheduled' },
    });
    expect(parseBalance({}).upcomingPayout).toBeNull();
    const orders = parseAdminOrders({
      items: [{ id: 'o1', shopper: { email: 'a@b.kr' }, fulfilments: [] }],
      nextCursor: 'n',
    });
    expect(orders.items[0]?.shopperEmail).toBe('a@b.kr');
    expect(orders.nextCursor).toBe('n');
    expect(parseClosures({ items: [{ id: 'c1', startsOn: '2026-12-24', reason: '태풍' }] })[0]?.date).toBe(
      '2026-12-24',
    );
  });

  it("reads payments' own balance (the next payout as an amount, the hold as a flag) and statement lines", () => {
    expect(
      parseBalance({ farmId: 'f', balance: 34_200, upcomingPayout: 34_200, onHold: false, holdReason: null }),
    ).toEqual({
      available: 34_200,
      pending: 0,
      onHold: 0,
      upcomingPayout: { amount: 34_200, scheduledFor: null, status: 'scheduled' },
    });
    expect(parseBalance({ balance: 34_200, upcomingPayout: 0, onHold: true })).toMatchObject({
      onHold: 34_200,
      upcomingPayout: null,
    });
    const lines = parseStatementLines({
      farmId: 'f',
      from: '2026-12-01',
      to: '2026-12-08',
      opening: 0,
      closing: 34_200,
      lines: [
        {
          entryId: 'e1',
          kind: 'fulfilment_completed',
          description: '구매확정: 농가 정산 예정',
          orderId: 'o1',
          postedAt: '2026-12-08T00:10:00.000Z',
          grossAmount: 38_000,
          commission: 3_800,
          amount: 34_200,
          balanceAfter: 34_200,
        },
        {
          entryId: 'e2',
          kind: 'payout',
          description: '정산 지급',
          postedAt: '2026-12-09T00:00:00.000Z',
          amount: -34_200,
        },
      ],
    });
    expect(lines[0]).toMatchObject({ grossAmount: 38_000, commission: 3_800, amount: 34_200, balanceAfter: 34_200 });
    expect(lines[1]).toMatchObject({ kind: 'payout', grossAmount: null, commission: null, amount: -34_200 });
  });
});
