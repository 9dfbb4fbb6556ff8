import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderViewSchema, payableOrderSchema } from '../../contract/index.ts';
import { checkout, checkoutOf, freeBoxes, heldBoxes, offerOnSale, outboxTypes } from '../../testing/fixtures.ts';
import {
  call,
  createHarness,
  type OrdersHarness,
  paymentsServiceToken,
  verifiedShopper,
} from '../../testing/harness.ts';
import { standInDates } from '../../testing/logistics-stand-in.ts';

let h: OrdersHarness;

beforeAll(async () => {
  h = await createHarness('checkout');
});
afterAll(async () => {
  await h.close();
});

describe('POST /v1/checkouts', () => {
  it('books each farm’s date, holds the stock at catalog and places one order with a fulfilment per farm', async () => {
    const apples = await offerOnSale(h, { boxes: 10, priceKrw: 12_000, farmName: '햇살농원' });
    const pears = await offerOnSale(h, { boxes: 10, priceKrw: 16_000, farmName: '배꽃농원' });
    const token = await verifiedShopper(h);
    const response = await checkout(h, token, checkoutOf([{ offer: apples, quantity: 3 }, { offer: pears }]));
    expect(response.status, response.text).toBe(201);
    const order = response.parse(orderViewSchema);
    expect(order).toMatchObject({
      status: 'awaiting_payment',
      placed: true,
      goodsTotal: 52_000,
      // 36,000원 reaches the free-delivery line; 16,000원 does not.
      deliveryTotal: 3_000,
      amount: 55_000,
      refundedTotal: 0,
      paidAt: null,
    });
    expect(order.orderNumber).toMatch(/^FT-\d{8}-\d{4}$/);
    expect(order.orderName).toMatch(/외 1건$/);
    expect(order.fulfilments.map((f) => [f.farmName, f.goodsAmount, f.deliveryFee, f.status])).toEqual(
      expect.arrayContaining([
        ['햇살농원', 36_000, 0, 'awaiting_payment'],
        ['배꽃농원', 16_000, 3_000, 'awaiting_payment'],
      ]),
    );
    const appleLine = order.fulfilments.flatMap((f) => f.lines).find((line) => line.offerId === apples.offerId);
    expect(appleLine?.lots).toEqual([expect.objectContaining({ quantity: 3 })]);
    expect(await heldBoxes(h, apples.offerId)).toBe(3);
    expect(h.logistics.boxesBooked(apples.farmId, standInDates()[1] ?? '')).toBe(3);
    expect(await outboxTypes(h)).toContain('OrderPlaced');

    const payable = await call(h, 'GET', `/internal/v1/orders/${order.id}/payable`, {
      token: await paymentsServiceToken(h),
    });
    expect(payable.parse(payableOrderSchema)).toMatchObject({
      orderId: order.id,
      amount: 55_000,
      status: 'awaiting_payment',
    });
  });

  it('answers a repeated key with the same order, and refuses the key with another body', async () => {
    const offer = await offerOnSale(h, { boxes: 10 });
    const token = await verifiedShopper(h, crypto.randomUUID());
    const body = checkoutOf([{ offer, quantity: 2 }]);
    const first = await checkout(h, token, body, 'repeat-key-0001');
    const again = await checkout(h, token, body, 'repeat-key-0001');
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.parse(orderViewSchema).id).toBe(first.parse(orderViewSchema).id);
    expect(await heldBoxes(h, offer.offerId)).toBe(2);
    const other = await checkout(h, token, checkoutOf([{ offer, quantity: 3 }]), 'repeat-key-0001');
    expect(other.status).toBe(409);
    expect(other.problem.code).toBe('idempotency_key_reused');
  });

  it('refuses a shopper whose email is not verified', async () => {
    const offer = await offerOnSale(h);
    const response = await checkout(h, await h.signer.shopper(), checkoutOf([{ offer }]));
    expect(response.status).toBe(403);
    expect(response.problem.code).toBe('email_not_verified');
  });

  it('refuses a tampered price, nothing held', async () => {
    const offer = await offerOnSale(h, { priceKrw: 20_000 });
    const response = await checkout(h, await verifiedShopper(h), checkoutOf([{ offer, price: 100 }]));
    expect(response.status).toBe(409);
    expect(response.problem.code).toBe('price_changed');
    expect(response.problem.errors?.[0]?.field).toBe('items[0].expectedUnitPrice');
    expect(await heldBoxes(h, offer.offerId)).toBe(0);
  });

  it('refuses quantity 0, 10⁹ and a cart of 500 lines with 400', async () => {
    const offer = await offerOnSale(h);
    const token = await verifiedShopper(h);
    for (const quantity of [0, 1_000_000_000]) {
      const response = await checkout(h, token, checkoutOf([{ offer, quantity }]));
      expect(response.status).toBe(400);
      expect(response.problem.errors?.[0]?.field).toBe('items.0.quantity');
    }
    const many = checkoutOf([{ offer }]);
    const line = many.items[0];
    const huge = { ...many, items: Array.from({ length: 500 }, () => ({ ...line, offerId: crypto.randomUUID() })) };
    const response = await checkout(h, token, huge);
    expect(response.status).toBe(400);
    expect(await heldBoxes(h, offer.offerId)).toBe(0);
  });

  it('answers 409 sold_out "품절" when one line cannot be filled, and gives back every date and box', async () => {
    const plenty = await offerOnSale(h, { boxes: 10, farmName: '넉넉농원' });
    const scarce = await offerOnSale(h, { boxes: 1, farmName: '빠듯농원' });
    const date = standInDates()[1] ?? '';
    const response = await checkout(
      h,
      await verifiedShopper(h),
      checkoutOf([
        { offer: plenty, quantity: 2 },
        { offer: scarce, quantity: 2 },
      ]),
    );
    expect(response.status).toBe(409);
    expect(response.problem.code).toBe('sold_out');
    expect(response.problem.detail).toMatch(/^품절된 상품이 있어요: /);
    expect(await heldBoxes(h, plenty.offerId)).toBe(0);
    expect(await freeBoxes(h, plenty.offerId)).toBe(10);
    expect(h.logistics.boxesBooked(plenty.farmId, date)).toBe(0);
    expect(h.logistics.boxesBooked(scarce.farmId, date)).toBe(0);
  });

  it('answers 409 date_full when logistics has no room, and holds nothing', async () => {
    const offer = await offerOnSale(h, { boxes: 1200 });
    for (let round = 0; round < 2; round += 1) {
      const response = await checkout(h, await verifiedShopper(h), checkoutOf([{ offer, quantity: 500 }]));
      expect(response.status, response.text).toBe(201);
    }
    const full = await checkout(h, await verifiedShopper(h), checkoutOf([{ offer, quantity: 1 }]));
    expect(full.status).toBe(409);
    expect(full.problem.code).toBe('date_full');
    expect(await heldBoxes(h, offer.offerId)).toBe(1000);
    const tooMany = await checkout(h, await verifiedShopper(h), checkoutOf([{ offer, quantity: 501 }]));
    expect(tooMany.status).toBe(400);
  });
});

describe('GET /v1/orders', () => {
  it("lists the shopper's orders newest first and shows one in detail; another shopper's is 404", async () => {
    const offer = await offerOnSale(h);
    const shopper = crypto.randomUUID();
    const token = await verifiedShopper(h, shopper);
    const placed = [];
    for (let index = 0; index < 3; index += 1) {
      placed.push((await checkout(h, token, checkoutOf([{ offer }]))).parse(orderViewSchema).id);
    }
    const list = await call(h, 'GET', '/v1/orders', { token });
    expect(list.status).toBe(200);
    expect((list.json as { items: { id: string }[] }).items.map((item) => item.id)).toEqual([...placed].reverse());
    const detail = await call(h, 'GET', `/v1/orders/${placed[0]}`, { token });
    expect(detail.status).toBe(200);
    const stranger = await call(h, 'GET', `/v1/orders/${placed[0]}`, { token: await verifiedShopper(h) });
    expect(stranger.status).toBe(404);
    expect(stranger.problem.code).toBe('order_not_found');
  });
});

describe('a callee in trouble', () => {
  it('retries a booking logistics answered 503 under the same key, and places the order once', async () => {
    const offer = await offerOnSale(h);
    h.logistics.failNext(2);
    const response = await checkout(h, await verifiedShopper(h), checkoutOf([{ offer, quantity: 1 }]));
    expect(response.status, response.text).toBe(201);
    const order = response.parse(orderViewSchema);
    expect([...h.logistics.bookings.values()].filter((booking) => booking.orderId === order.id)).toHaveLength(1);
    expect(await heldBoxes(h, offer.offerId)).toBe(1);
  });
});
