import { describe, expect, it } from 'vitest';
import { readClosures, readPackingList, readTracking } from './logistics.ts';
import { readFarmFulfilments, readOrderPage } from './orders.ts';
import { readCheckoutSession, readFarmBalance } from './payments.ts';

describe("reading the purchase services' answers", () => {
  it('takes each answer in the one shape its service sends: a list under `items`, never a bare array', () => {
    expect(readFarmFulfilments({ items: [] })).toEqual([]);
    expect(readFarmFulfilments([])).toBeNull();
    expect(readOrderPage([])).toBeNull();
    expect(readClosures({ items: [] })).toEqual([]);
    expect(readTracking({ shipments: [] })).toEqual([]);
  });

  it('refuses an answer that is not its shape at all (an HTML error page, another route)', () => {
    for (const body of [null, '<html>', 42, { error: 'x' }]) {
      expect(readPackingList(body)).toBeNull();
      expect(readFarmBalance(body)).toBeNull();
      expect(readCheckoutSession(body)).toBeNull();
    }
    // The names a spec draft used are not read: logistics sends byProduct and byOrder.
    expect(readPackingList({ dispatchDate: '2026-12-09', products: [], shipments: [] })).toBeNull();
    expect(readPackingList({ dispatchDate: '2026-12-09', boxes: 0, byProduct: [], byOrder: [] })).not.toBeNull();
  });

  it('refuses a checkout session whose provider the shop cannot pay with', () => {
    const session = {
      orderId: 'o1',
      orderName: '사과',
      amount: 38_000,
      customerKey: 'c',
      provider: 'stand-in',
      clientKey: 'k',
      paymentPageUrl: 'http://127.0.0.1:7204/pay',
    };
    expect(readCheckoutSession(session)).toBe(session);
    expect(readCheckoutSession({ ...session, provider: 'kakaopay' })).toBeNull();
  });
});
