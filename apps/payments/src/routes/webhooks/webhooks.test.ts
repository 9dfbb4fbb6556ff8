import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileOnce } from '../../domain/reconcile.ts';
import {
  call,
  confirm,
  createHarness,
  outboxTypes,
  type PaymentsHarness,
  payAtPg,
  placeOrder,
} from '../../testing/harness.ts';

let h: PaymentsHarness;
beforeAll(async () => {
  h = await createHarness('payments-webhooks');
});
afterAll(async () => {
  await h.close();
});

const statusChanged = (orderId: string, status = 'DONE') => ({
  eventType: 'PAYMENT_STATUS_CHANGED',
  createdAt: '2026-12-07T23:00:00.000',
  data: { orderId, status, paymentKey: 'forged', totalAmount: 1 },
});

const receipts = async (orderId: string) =>
  (
    await h.owner<
      { count: number }[]
    >`select count(*)::int as count from payments.webhook_receipts where order_id = ${orderId}`
  )[0]?.count;

describe("Toss's webhooks", () => {
  it('are never trusted: a forged DONE for an unpaid order changes nothing', async () => {
    const order = placeOrder(h);
    await call(h, 'POST', '/v1/checkout-sessions', {
      token: await h.signer.shopper({ sub: order.shopperId }),
      body: { orderId: order.orderId, successUrl: 'http://shop.test/ok', failUrl: 'http://shop.test/fail' },
    });
    const response = await call(h, 'POST', '/v1/webhooks/toss', { body: statusChanged(order.orderId) });
    expect(response.status).toBe(200);
    await h.webhookJobs.drain();
    expect(await outboxTypes(h, order.orderId)).toEqual([]);
    expect(await receipts(order.orderId)).toBe(1);
  });

  it('complete a payment whose confirm never came back, and replays change nothing', async () => {
    const order = placeOrder(h);
    const paymentKey = await payAtPg(h, order);
    h.toss.faults.set({
      rules: [
        { endpoint: 'confirm', kind: 'error', status: 500, afterApplying: true },
        { endpoint: 'lookup', kind: 'error', status: 500 },
      ],
    });
    expect((await confirm(h, order, paymentKey)).status).toBe(503);
    for (let replay = 0; replay < 3; replay += 1) {
      expect((await call(h, 'POST', '/v1/webhooks/toss', { body: statusChanged(order.orderId) })).status).toBe(200);
    }
    await h.webhookJobs.drain();
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentCompleted']);
    const [attempt] = await h.owner<{ state: string }[]>`
      select state from payments.confirm_attempts where order_id = ${order.orderId}`;
    expect(attempt?.state).toBe('succeeded');
  });

  it('about orders payments never saw are answered 200 and dropped', async () => {
    const orderId = crypto.randomUUID();
    expect((await call(h, 'POST', '/v1/webhooks/toss', { body: statusChanged(orderId) })).status).toBe(200);
    expect(await receipts(orderId)).toBe(0);
  });

  it('left unprocessed (the PG was down) are processed by the reconciler', async () => {
    const order = placeOrder(h);
    const paymentKey = await payAtPg(h, order, '가상계좌');
    await confirm(h, order, paymentKey);
    h.toss.ledger.deposit(paymentKey);
    h.toss.faults.set({ rules: [{ endpoint: 'lookup', kind: 'error', status: 500 }] });
    await call(h, 'POST', '/v1/webhooks/toss', { body: statusChanged(order.orderId) });
    await h.webhookJobs.drain();
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentAwaitingDeposit']);
    h.clock.advance(31_000);
    await reconcileOnce(h.ctx);
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentAwaitingDeposit', 'PaymentCompleted']);
  });

  it("are sent by the stand-in to payments' endpoint and acted on (the deposit, end to end)", async () => {
    const server = Bun.serve({ port: 0, fetch: (request) => h.app.fetch(request) });
    h.toss.webhooks.setUrl(`http://127.0.0.1:${server.port}/v1/webhooks/toss`);
    try {
      const order = placeOrder(h);
      const paymentKey = await payAtPg(h, order, '가상계좌');
      await confirm(h, order, paymentKey);
      await fetch(`${h.toss.url}/virtual-accounts/${paymentKey}/deposit`, { method: 'POST' });
      const deadline = Date.now() + 5_000;
      while ((await outboxTypes(h, order.orderId)).length < 2 && Date.now() < deadline) {
        await Bun.sleep(20);
        await h.webhookJobs.drain();
      }
      expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentAwaitingDeposit', 'PaymentCompleted']);
    } finally {
      h.toss.webhooks.setUrl(null);
      await server.stop(true);
    }
  });
});
