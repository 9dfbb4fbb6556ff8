import { fulfilments, orders } from '@fruitables/schema-orders';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderViewSchema } from '../contract/index.ts';
import { checkout, checkoutOf, eventOf, freeBoxes, heldBoxes, offerOnSale, outboxTypes } from '../testing/fixtures.ts';
import { call, createHarness, type OrdersHarness, verifiedShopper } from '../testing/harness.ts';
import { applyReservationExpired, expireUnpaidOrders } from './expiry.ts';
import { applyPaymentCompleted, applyPaymentFailed, applyRefundCompleted } from './payment-events.ts';
import { applyShipmentDelivered, applyShipmentStatusChanged, completeDueFulfilments } from './shipment-events.ts';

let h: OrdersHarness;

beforeAll(async () => {
  h = await createHarness('lifecycle');
});
afterAll(async () => {
  await h.close();
});

async function placed(quantity = 2) {
  const offer = await offerOnSale(h, { boxes: 10, priceKrw: 12_000 });
  const shopperId = crypto.randomUUID();
  const response = await checkout(h, await verifiedShopper(h, shopperId), checkoutOf([{ offer, quantity }]));
  expect(response.status, response.text).toBe(201);
  return { offer, shopper: shopperId, order: response.parse(orderViewSchema) };
}

/** The order as its shopper sees it, with a token fresh at the (possibly advanced) test clock. */
async function view(orderId: string, shopperId: string) {
  const token = await verifiedShopper(h, shopperId);
  return (await call(h, 'GET', `/v1/orders/${orderId}`, { token })).parse(orderViewSchema);
}

/** Drives every due workflow run (the sweeper's job in production) until none is left. */
async function sweepRuns() {
  while ((await h.domain.engine.sweepOnce(50)) > 0) {
    // keep sweeping
  }
}

const paymentCompleted = (orderId: string, amount: number) =>
  eventOf('PaymentCompleted', {
    orderId,
    paymentKey: `pk-${orderId.slice(-8)}`,
    amount,
    method: '카드',
    approvedAt: new Date().toISOString(),
  });

async function pay(orderId: string, amount: number) {
  h.payments.paid(orderId, amount);
  await h.db.transaction((tx) => applyPaymentCompleted(tx, h.domain, paymentCompleted(orderId, amount)));
  await sweepRuns();
}

describe('PaymentCompleted', () => {
  it('confirms the stock at catalog and the bookings at logistics, then the order is paid with its lots', async () => {
    const { offer, shopper, order } = await placed(2);
    await pay(order.id, order.amount);
    const paid = await view(order.id, shopper);
    expect(paid.status).toBe('paid');
    expect(paid.paidAt).not.toBeNull();
    expect(paid.fulfilments[0]?.status).toBe('paid');
    expect(paid.fulfilments[0]?.lines[0]?.lots).toEqual([expect.objectContaining({ quantity: 2 })]);
    expect(await heldBoxes(h, offer.offerId)).toBe(0);
    expect(await freeBoxes(h, offer.offerId)).toBe(8);
    expect([...h.logistics.bookings.values()].filter((b) => b.orderId === order.id).map((b) => b.status)).toEqual([
      'confirmed',
    ]);
    const types = await outboxTypes(h);
    expect(types).toContain('OrderPaid');
    expect(types).toContain('FulfilmentStatusChanged');
  });

  it('refunds in full a payment for an order that was already cancelled (it expired first)', async () => {
    const { offer, shopper, order } = await placed(1);
    h.clock.advance(16 * 60 * 1000);
    expect(await expireUnpaidOrders(h.domain)).toBeGreaterThanOrEqual(1);
    await sweepRuns();
    expect(await heldBoxes(h, offer.offerId)).toBe(0);
    await pay(order.id, order.amount);
    const after = await view(order.id, shopper);
    expect(h.payments.refunds.filter((refund) => refund.orderId === order.id).map((r) => r.amount)).toEqual([
      order.amount,
    ]);
    expect(after.status).toBe('refunded');
    expect(after.refundedTotal).toBe(order.amount);
  });
  it("cancels and refunds in full when catalog's hold expired before the payment arrived", async () => {
    const { offer, shopper, order } = await placed(2);
    // catalog's clock passes the hold's TTL (payment window plus margin) before PaymentCompleted lands.
    h.catalog.clock.advance(21 * 60 * 1000);
    await pay(order.id, order.amount);
    const after = await view(order.id, shopper);
    expect(after.fulfilments[0]?.status).toBe('cancelled');
    expect(after.status).toBe('refunded');
    expect(h.payments.refunds.filter((refund) => refund.orderId === order.id).map((r) => r.amount)).toEqual([
      order.amount,
    ]);
    // The expired hold is given back by the release run, not left to catalog's sweep.
    expect(await heldBoxes(h, offer.offerId)).toBe(0);
  });
});

describe('expiry', () => {
  it('cancels an unpaid order past its expiresAt and gives its stock and date back', async () => {
    const { offer, shopper, order } = await placed(3);
    expect(await heldBoxes(h, offer.offerId)).toBe(3);
    h.clock.advance(16 * 60 * 1000);
    await expireUnpaidOrders(h.domain);
    await sweepRuns();
    const after = await view(order.id, shopper);
    expect(after.status).toBe('cancelled');
    expect(after.fulfilments[0]?.timeline.at(-1)?.note).toMatch(/결제 시간이 지나/);
    expect(await heldBoxes(h, offer.offerId)).toBe(0);
    expect([...h.logistics.bookings.values()].filter((b) => b.orderId === order.id).map((b) => b.status)).toEqual([
      'released',
    ]);
    const [cancelled] = await h.owner<{ data: { reason: string; wasPaid: boolean } }[]>`
      select envelope->'data' as data from orders.outbox
      where type = 'OrderCancelled' and envelope->>'aggregateId' = ${order.id}`;
    expect(cancelled?.data).toMatchObject({ reason: 'payment_expired', wasPaid: false });
  });

  it('cancels the order whose hold catalog let expire (ReservationExpired)', async () => {
    const { shopper, order } = await placed(1);
    const [row] = await h.db.select({ holdId: orders.holdId }).from(orders).where(eq(orders.id, order.id));
    await h.db.transaction((tx) =>
      applyReservationExpired(
        tx,
        h.domain,
        eventOf('ReservationExpired', {
          holdId: row?.holdId ?? '',
          lines: [{ offerId: order.fulfilments[0]?.lines[0]?.offerId ?? '', lotId: crypto.randomUUID(), quantity: 1 }],
          expiredAt: new Date().toISOString(),
        }),
      ),
    );
    expect((await view(order.id, shopper)).status).toBe('cancelled');
  });

  it('cancels on a final PaymentFailed, not on a declined attempt', async () => {
    const { shopper, order } = await placed(1);
    const failed = (final: boolean) =>
      eventOf('PaymentFailed', {
        orderId: order.id,
        code: 'REJECT_CARD_COMPANY',
        message: '거절',
        final,
        failedAt: new Date().toISOString(),
      });
    await h.db.transaction((tx) => applyPaymentFailed(tx, h.domain, failed(false)));
    expect((await view(order.id, shopper)).status).toBe('awaiting_payment');
    await h.db.transaction((tx) => applyPaymentFailed(tx, h.domain, failed(true)));
    expect((await view(order.id, shopper)).status).toBe('cancelled');
  });
});

describe('shipping and 구매확정', () => {
  it('follows the shipment to delivered, then completes after the days run out (OrderCompleted)', async () => {
    const { shopper, order } = await placed(1);
    await pay(order.id, order.amount);
    const fulfilmentId = order.fulfilments[0]?.id ?? '';
    const [fulfilment] = await h.db.select().from(fulfilments).where(eq(fulfilments.id, fulfilmentId));
    const ref = {
      shipmentId: crypto.randomUUID(),
      bookingId: fulfilment?.bookingId ?? '',
      orderId: order.id,
      fulfilmentId,
      farmId: fulfilment?.farmId ?? '',
    };
    await h.db.transaction((tx) =>
      applyShipmentStatusChanged(
        tx,
        h.domain,
        eventOf('ShipmentStatusChanged', {
          ...ref,
          previousStatus: 'booked',
          status: 'at_pickup',
          carrierId: 'kr.cjlogistics',
          trackingNumber: '123456789012',
          description: '집화처리',
          occurredAt: new Date().toISOString(),
        }),
      ),
    );
    let now = await view(order.id, shopper);
    expect(now.status).toBe('shipped');
    expect(now.fulfilments[0]?.shipment).toEqual({
      carrierId: 'kr.cjlogistics',
      trackingNumber: '123456789012',
      status: 'at_pickup',
    });
    await h.db.transaction((tx) =>
      applyShipmentDelivered(
        tx,
        h.domain,
        eventOf('ShipmentDelivered', { ...ref, deliveredAt: h.clock.now().toISOString(), onTime: true }),
      ),
    );
    now = await view(order.id, shopper);
    expect(now.status).toBe('delivered');
    expect(await completeDueFulfilments(h.domain)).toBe(0);
    h.clock.advance(8 * 86_400_000);
    expect(await completeDueFulfilments(h.domain)).toBeGreaterThanOrEqual(1);
    expect((await view(order.id, shopper)).status).toBe('completed');
    expect(await outboxTypes(h)).toContain('OrderCompleted');
  });
});

describe('RefundCompleted', () => {
  it('records a refund payments made and moves the order to partially_refunded', async () => {
    const { shopper, order } = await placed(2);
    await pay(order.id, order.amount);
    await h.db.transaction((tx) =>
      applyRefundCompleted(
        tx,
        h.domain,
        eventOf('RefundCompleted', {
          orderId: order.id,
          refundId: crypto.randomUUID(),
          requestKey: 'payments-admin-1',
          fulfilmentId: null,
          amount: 5_000,
          refundedTotal: 5_000,
          reason: 'admin',
          refundedAt: new Date().toISOString(),
        }),
      ),
    );
    const after = await view(order.id, shopper);
    expect(after.status).toBe('partially_refunded');
    expect(after.refundedTotal).toBe(5_000);
    expect(after.refunds).toEqual([expect.objectContaining({ amount: 5_000, status: 'completed' })]);
  });
});
