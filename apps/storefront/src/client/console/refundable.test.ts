import { describe, expect, it } from 'vitest';
import { readOrder } from '../answers/orders.ts';
import { refundable } from './refundable.ts';

// Only the fields a refund's limit reads; the rest of orders' Order does not matter here.
const order = readOrder({
  id: 'o1',
  status: 'partially_refunded',
  amount: 70_000,
  refundedTotal: 32_000,
  fulfilments: [
    { id: 'f1', farmName: '햇살농원', goodsAmount: 32_000, deliveryFee: 3_000, lines: [] },
    { id: 'f2', farmName: '바람농장', goodsAmount: 32_000, deliveryFee: 3_000, lines: [] },
  ],
  refunds: [{ id: 'r1', amount: 32_000, reason: '부족', fulfilmentId: 'f1', at: '2026-12-08T01:00:00.000Z' }],
});
if (!order) throw new Error('the example order did not parse');

describe('how much an admin may still refund', () => {
  it("is the order's unrefunded rest, or a farm's part less what went back for it", () => {
    expect(refundable(order, null)).toBe(38_000);
    expect(refundable(order, 'f1')).toBe(3_000);
    expect(refundable(order, 'f2')).toBe(35_000);
    expect(refundable(order, 'unknown')).toBe(0);
  });
});
