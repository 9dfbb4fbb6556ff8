import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutSessionSchema } from '../../contract/payments.ts';
import {
  call,
  confirm,
  createHarness,
  type PaymentsHarness,
  payAtPg,
  placeOrder,
  shopperToken,
} from '../../testing/harness.ts';

let h: PaymentsHarness;
beforeAll(async () => {
  h = await createHarness('payments-checkout-sessions');
});
afterAll(async () => {
  await h.close();
});

const urls = { successUrl: 'http://shop.test/checkout/success', failUrl: 'http://shop.test/checkout/fail' };

describe('a checkout session', () => {
  it("answers the order's amount and name from orders and the stand-in's page, which opens", async () => {
    const order = placeOrder(h, { amount: 41_500, orderName: '제주 한라봉 3kg' });
    const response = await call(h, 'POST', '/v1/checkout-sessions', {
      token: await shopperToken(h, order.shopperId),
      body: { orderId: order.orderId, ...urls },
    });
    expect(response.status).toBe(200);
    const session = response.parse(checkoutSessionSchema);
    expect(session).toMatchObject({
      orderId: order.orderId,
      orderName: '제주 한라봉 3kg',
      amount: 41_500,
      customerKey: order.shopperId,
      provider: 'stand-in',
      clientKey: h.toss.clientKey,
    });
    const page = await fetch(session.paymentPageUrl ?? '');
    expect(await page.text()).toContain('41,500원');
  });

  it("answers another shopper's order 404, and a paid order 409", async () => {
    const order = placeOrder(h);
    const stranger = await call(h, 'POST', '/v1/checkout-sessions', {
      token: await shopperToken(h, crypto.randomUUID()),
      body: { orderId: order.orderId, ...urls },
    });
    expect([stranger.status, stranger.problem.code]).toEqual([404, 'order_not_found']);
    await confirm(h, order, await payAtPg(h, order));
    const paid = await call(h, 'POST', '/v1/checkout-sessions', {
      token: await shopperToken(h, order.shopperId),
      body: { orderId: order.orderId, ...urls },
    });
    expect([paid.status, paid.problem.code]).toEqual([409, 'already_paid']);
  });

  it('refuses return addresses that are not http(s)', async () => {
    const order = placeOrder(h);
    const response = await call(h, 'POST', '/v1/checkout-sessions', {
      token: await shopperToken(h, order.shopperId),
      body: { orderId: order.orderId, successUrl: 'javascript:alert(1)', failUrl: urls.failUrl },
    });
    expect(response.status).toBe(400);
    expect(response.problem.errors?.[0]?.field).toBe('successUrl');
  });

  it("refuses return addresses off the shop's origin, naming each field, before asking orders", async () => {
    const order = placeOrder(h);
    const token = await shopperToken(h, order.shopperId);
    const elsewhere = await call(h, 'POST', '/v1/checkout-sessions', {
      token,
      body: { orderId: order.orderId, successUrl: 'https://evil.test/checkout/success', failUrl: urls.failUrl },
    });
    expect([elsewhere.status, elsewhere.problem.code]).toEqual([400, 'validation_failed']);
    expect(elsewhere.problem.errors?.map((error) => error.field)).toEqual(['successUrl']);
    // Another port or scheme of the same host is another origin.
    const both = await call(h, 'POST', '/v1/checkout-sessions', {
      token,
      body: { orderId: order.orderId, successUrl: 'http://shop.test:8443/ok', failUrl: 'https://shop.test/fail' },
    });
    expect(both.status).toBe(400);
    expect(both.problem.errors?.map((error) => error.field)).toEqual(['successUrl', 'failUrl']);
  });
});
