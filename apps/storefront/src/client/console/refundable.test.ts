import { describe, expect, it } from 'vitest';
import { parseAdminOrder } from './purchase-api.ts';
import { refundable } from './refundable.ts';

const order = parseAdminOrder({
  id: 'o1',
  amount: 70_000,
  refundedTotal: 32_000,
  fulfilments: [
    { id: 'f1', farmName: '햇살농원', goodsAmount: 32_000, deliveryFee: 3_000, lines: [] },
    { id: 'f2', farmName: '바람농장', goodsAmount: 32_000, deliveryFee: 3_000, lines: [] },
  ],
  refunds: [{ id: 'r1', amount: 32_000, reason: '부족', fulfilmentId: 'f1', at: null }],
});

describe('how much an admin may still refund', () => {
  it("is the order's unrefunded rest, or a farm's part less what went back for it", () => {
    expect(refundable(order, null)).toBe(38_000);
    expect(refundable(order, 'f1')).toBe(3_000);
    expect(refundable(order, 'f2')).toBe(35_000);
    expect(refundable(order, 'unknown')).toBe(0);
  });
});
