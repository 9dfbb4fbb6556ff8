import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderViewSchema } from '../contract/index.ts';
import { checkout, checkoutOf, eventOf, heldBoxes, offerOnSale, payOrder, sweepRuns } from '../testing/fixtures.ts';
import { call, createHarness, type OrdersHarness, verifiedShopper } from '../testing/harness.ts';
import { expireUnpaidOrders } from './expiry.ts';
import { applyPaymentAwaitingDeposit, applyPaymentFailed } from './payment-events.ts';

// The real catalog app (orders' harness serves it) keeps the hold; logistics is the stand-in.
let h: OrdersHarness;
beforeAll(async () => {
  h = await createHarness('awaiting-deposit');
});
afterAll(async () => {
  await h.close();
});

const HOUR = 3_600_000;

async function placedAwaitingDeposit() {
  const offer = await offerOnSale(h, { boxes: 10 });
  const shopperId = crypto.randomUUID();
  const response = await checkout(h, await verifiedShopper(h, shopperId), checkoutOf([{ offer, quantity: 2 }]));
  expect(response.status, response.text).toBe(201);
  const order = response.parse(orderViewSchema);
  const dueDate = new Date(h.clock.now().getTime() + 24 * HOUR);
  await h.db.transaction((tx) =>
    applyPaymentAwaitingDeposit(
      tx,
      h.domain,
      eventOf('PaymentAwaitingDeposit', {
        orderId: order.id,
        paymentKey: `pk-${order.id.slice(-12)}`,
        amount: order.amount,
        dueDate: dueDate.toISOString(),
        issuedAt: h.clock.now().toISOString(),
      }),
    ),
  );
  await sweepRuns(h);
  return { offer, shopperId, order, dueDate };
}

const view = async (orderId: string, shopperId: string) =>
  (await call(h, 'GET', `/v1/orders/${orderId}`, { token: await verifiedShopper(h, shopperId) })).parse(
    orderViewSchema,
  );

describe('an order paid by virtual account (가상계좌)', () => {
  it('does not expire at its payment window: order, stock hold and booking are kept until the due date', async () => {
    const { offer, shopperId, order, dueDate } = await placedAwaitingDeposit();
    const kept = await view(order.id, shopperId);
    expect(kept.expiresAt).toBe(dueDate.toISOString());
    expect(kept.fulfilments[0]?.timeline.at(-1)?.note).toMatch(/가상계좌가 발급됐어요/);
    const margin = h.domain.policy.holdMarginSeconds * 1000;
    const [hold] = await h.catalog.owner<{ expires_at: Date }[]>`
      select h.expires_at from catalog.holds h join catalog.hold_lines l on l.hold_id = h.id
      where l.offer_id = ${offer.offerId} limit 1`;
    expect(hold?.expires_at.getTime()).toBe(dueDate.getTime() + margin);
    const booking = [...h.logistics.bookings.values()].find((candidate) => candidate.orderId === order.id);
    expect(booking?.expiresAt).toBe(new Date(dueDate.getTime() + margin).toISOString());

    h.clock.advance(HOUR);
    expect(await expireUnpaidOrders(h.domain)).toBe(0);
    expect((await view(order.id, shopperId)).status).toBe('awaiting_payment');
    expect(await heldBoxes(h, offer.offerId)).toBe(2);
    // The deposit comes: paid as usual.
    await payOrder(h, order.id, order.amount);
    expect((await view(order.id, shopperId)).status).toBe('paid');
  });

  it('is cancelled and its stock given back when the due date passes unpaid (PaymentFailed final)', async () => {
    const { offer, shopperId, order } = await placedAwaitingDeposit();
    await h.db.transaction((tx) =>
      applyPaymentFailed(
        tx,
        h.domain,
        eventOf('PaymentFailed', {
          orderId: order.id,
          code: 'VIRTUAL_ACCOUNT_EXPIRED',
          message: '입금 기한이 지나 가상계좌가 만료되었어요.',
          final: true,
          failedAt: h.clock.now().toISOString(),
        }),
      ),
    );
    await sweepRuns(h);
    expect((await view(order.id, shopperId)).status).toBe('cancelled');
    expect(await heldBoxes(h, offer.offerId)).toBe(0);
  });
});
