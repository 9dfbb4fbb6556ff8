import { describe, expect, it } from 'vitest';
import { readTrackedShipment } from '../answers/logistics.ts';
import { readOrder } from '../answers/orders.ts';
import { liveFulfilmentStatus, timelineEntries } from './order-view.ts';

const order = readOrder({
  id: 'order-1',
  orderNumber: 'F-20261208-0001',
  status: 'shipped',
  amount: 42_000,
  fulfilments: [
    {
      id: 'ful-1',
      farmId: 'farm-1',
      farmName: '햇살농원',
      status: 'shipped',
      deliveryDate: '2026-12-10',
      cancellable: false,
      lines: [],
      timeline: [
        { status: 'paid', at: '2026-12-08T13:00:00.000Z', note: null },
        { status: 'shipped', at: '2026-12-09T08:00:00.000Z', note: null },
      ],
      shipment: { carrierId: 'kr.cjlogistics', trackingNumber: '123456789012', status: 'in_transit' },
    },
  ],
  refunds: [],
});

describe("an order's live timeline", () => {
  it("puts the order's steps and the courier's events together, oldest first, in Korean", () => {
    const fulfilment = order?.fulfilments[0];
    if (!fulfilment) throw new Error('the example order did not parse');
    const shipment = readTrackedShipment({
      shipmentId: 's-1',
      fulfilmentId: 'ful-1',
      farmId: 'farm-1',
      status: 'out_for_delivery',
      events: [
        { status: 'at_pickup', description: '집화 처리', location: '충주', at: '2026-12-09T09:00:00.000Z' },
        { status: 'out_for_delivery', description: '배송 출발', location: null, at: '2026-12-09T20:00:00.000Z' },
      ],
    });
    const entries = timelineEntries(fulfilment, shipment ?? undefined);
    expect(entries.map((entry) => entry.text)).toEqual([
      '결제 완료',
      '배송 중',
      '택배사 인수 · 집화 처리 · 충주',
      '배송 출발',
    ]);
  });
});

describe("a fulfilment's badge while the courier moves", () => {
  it('reads 배송 중 from the first scan and 배송 완료 at delivery, before orders has caught up', () => {
    expect(liveFulfilmentStatus('preparing', null)).toBe('preparing');
    expect(liveFulfilmentStatus('preparing', 'booked')).toBe('preparing');
    expect(liveFulfilmentStatus('preparing', 'at_pickup')).toBe('shipped');
    expect(liveFulfilmentStatus('paid', 'in_transit')).toBe('shipped');
    expect(liveFulfilmentStatus('shipped', 'out_for_delivery')).toBe('shipped');
    expect(liveFulfilmentStatus('shipped', 'delivered')).toBe('delivered');
  });

  it('never moves a settled fulfilment back', () => {
    expect(liveFulfilmentStatus('completed', 'delivered')).toBe('completed');
    expect(liveFulfilmentStatus('cancelled', 'in_transit')).toBe('cancelled');
    expect(liveFulfilmentStatus('delivered', 'in_transit')).toBe('delivered');
  });
});
