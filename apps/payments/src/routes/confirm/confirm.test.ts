import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmResultSchema } from '../../contract/payments.ts';
import { reconcileOnce } from '../../domain/reconcile.ts';
import {
  call,
  confirm,
  createHarness,
  outboxTypes,
  type PaymentsHarness,
  payAtPg,
  placeOrder,
  shopperToken,
} from '../../testing/harness.ts';

let h: PaymentsHarness;
beforeAll(async () => {
  h = await createHarness('payments-confirm', { pgTimeoutMs: 500 });
});
afterAll(async () => {
  await h.close();
});

const attemptStates = async (orderId: string) =>
  (
    await h.owner<
      { state: string }[]
    >`select state from payments.confirm_attempts where order_id = ${orderId} order by created_at`
  ).map((row) => row.state);

describe('confirming a card payment', () => {
  it("confirms for the order's amount and announces PaymentCompleted once", async () => {
    const order = placeOrder(h);
    const paymentKey = await payAtPg(h, order);
    const response = await confirm(h, order, paymentKey);
    expect(response.status).toBe(200);
    expect(response.parse(confirmResultSchema)).toMatchObject({
      orderId: order.orderId,
      paymentKey,
      status: 'DONE',
      method: '카드',
      amount: 38_000,
      virtualAccount: null,
    });
    // The success page reloaded: the same answer, nothing new.
    const again = await confirm(h, order, paymentKey);
    expect(again.json).toEqual(response.json);
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentCompleted']);
    expect(await attemptStates(order.orderId)).toEqual(['succeeded']);
    expect(h.orders.authorizations.every((value) => value.startsWith('Bearer '))).toBe(true);
  });

  it('answers 409 amount_mismatch for an amount other than the order’s, and charges nothing', async () => {
    const order = placeOrder(h);
    const paymentKey = await payAtPg(h, order);
    const response = await confirm(h, order, paymentKey, 1_000);
    expect(response.status).toBe(409);
    expect(response.problem.code).toBe('amount_mismatch');
    expect(h.toss.chargesOf(order.orderId)).toEqual([]);
    expect(await outboxTypes(h, order.orderId)).toEqual([]);
  });

  it("answers another shopper's order 404 and an order not awaiting payment 409", async () => {
    const order = placeOrder(h);
    const paymentKey = await payAtPg(h, order);
    const stranger = await call(h, 'POST', '/v1/confirm', {
      token: await shopperToken(h, crypto.randomUUID()),
      body: { paymentKey, orderId: order.orderId, amount: order.amount },
    });
    expect([stranger.status, stranger.problem.code]).toEqual([404, 'order_not_found']);
    h.orders.place({ ...order, status: 'cancelled' });
    const cancelled = await confirm(h, order, paymentKey);
    expect([cancelled.status, cancelled.problem.code]).toEqual([409, 'order_not_awaiting_payment']);
    h.orders.place({ ...order, expiresAt: new Date(h.clock.now().getTime() - 1_000).toISOString() });
    const expired = await confirm(h, order, paymentKey);
    expect([expired.status, expired.problem.code]).toEqual([409, 'order_expired']);
    const unknown = await confirm(h, placeOrder(h), 'tviva-unknown-key');
    expect(unknown.status).toBe(422);
    expect(h.toss.chargesOf(order.orderId)).toEqual([]);
  });

  it("passes a declined card on as 422 with Toss's code, announces PaymentFailed (not final), and lets the shopper retry", async () => {
    const order = placeOrder(h);
    const declined = await confirm(h, order, await payAtPg(h, order, '카드', 'reject'));
    expect(declined.status).toBe(422);
    expect(declined.problem.code).toBe('REJECT_CARD_COMPANY');
    expect(declined.problem.detail).toContain('한도초과');
    const retried = await confirm(h, order, await payAtPg(h, order));
    expect(retried.status).toBe(200);
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentFailed', 'PaymentCompleted']);
    const [failed] = await h.owner<{ final: boolean }[]>`
      select (envelope->'data'->>'final')::boolean as final from payments.outbox
      where type = 'PaymentFailed' and envelope->>'aggregateId' = ${order.orderId}`;
    expect(failed?.final).toBe(false);
  });

  it('refuses a second paymentKey once the order is paid (no double charge)', async () => {
    const order = placeOrder(h);
    expect((await confirm(h, order, await payAtPg(h, order))).status).toBe(200);
    const second = await confirm(h, order, await payAtPg(h, order));
    expect([second.status, second.problem.code]).toEqual([409, 'already_paid']);
    expect(h.toss.chargesOf(order.orderId)).toHaveLength(1);
  });
});

describe('when the PG does not answer', () => {
  it('resolves a confirm whose response was lost (applied, then dropped) by asking the PG for the order', async () => {
    const order = placeOrder(h);
    const paymentKey = await payAtPg(h, order);
    h.toss.faults.set({ rules: [{ endpoint: 'confirm', kind: 'hang', afterApplying: true }] });
    const response = await confirm(h, order, paymentKey);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ status: 'DONE', paymentKey });
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentCompleted']);
    expect(h.toss.chargesOf(order.orderId)).toHaveLength(1);
  });

  it('resolves a 5xx after the PG applied the confirm the same way', async () => {
    const order = placeOrder(h);
    h.toss.faults.set({ rules: [{ endpoint: 'confirm', kind: 'error', afterApplying: true, status: 503 }] });
    expect((await confirm(h, order, await payAtPg(h, order))).status).toBe(200);
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentCompleted']);
  });

  it('answers 503 payment_pending when neither the confirm nor the lookup answers; the retry and the reconciler finish it', async () => {
    const order = placeOrder(h);
    const paymentKey = await payAtPg(h, order);
    h.toss.faults.set({
      rules: [
        { endpoint: 'confirm', kind: 'error', status: 500 },
        { endpoint: 'lookup', kind: 'error', status: 500 },
      ],
    });
    const pending = await confirm(h, order, paymentKey);
    expect([pending.status, pending.problem.code]).toEqual([503, 'payment_pending']);
    expect(await attemptStates(order.orderId)).toEqual(['unknown']);
    expect(h.toss.chargesOf(order.orderId)).toEqual([]);
    // The shopper's retry sends the same confirm again (same Idempotency-Key) and it goes through.
    const retried = await confirm(h, order, paymentKey);
    expect(retried.status).toBe(200);
    expect(await attemptStates(order.orderId)).toEqual(['succeeded']);
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentCompleted']);
  });

  it('lets the reconciler settle an attempt left in flight by a process that died after the PG approved', async () => {
    const order = placeOrder(h);
    const paymentKey = await payAtPg(h, order);
    // The PG approved it, but our process died before recording anything but the attempt.
    h.toss.ledger.confirm({ paymentKey, orderId: order.orderId, amount: order.amount });
    await h.owner`insert into payments.payments (id, order_id, shopper_id, order_name, amount)
      values (${crypto.randomUUID()}, ${order.orderId}, ${order.shopperId}, ${order.orderName}, ${order.amount})`;
    await h.owner`insert into payments.confirm_attempts (id, payment_id, order_id, payment_key, amount, idempotency_key, tried_at)
      select ${crypto.randomUUID()}, id, order_id, ${paymentKey}, amount, 'k', ${h.clock.now()} from payments.payments where order_id = ${order.orderId}`;
    expect(await reconcileOnce(h.ctx)).toBe(0);
    h.clock.advance(31_000);
    expect(await reconcileOnce(h.ctx)).toBeGreaterThanOrEqual(1);
    expect(await attemptStates(order.orderId)).toEqual(['succeeded']);
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentCompleted']);
  });
});

describe('a virtual account (가상계좌)', () => {
  it('is issued at confirm (WAITING_FOR_DEPOSIT, PaymentAwaitingDeposit with its due date) and completes the order when the deposit webhook comes', async () => {
    const order = placeOrder(h, { amount: 52_000 });
    const paymentKey = await payAtPg(h, order, '가상계좌');
    const issued = await confirm(h, order, paymentKey);
    expect(issued.json).toMatchObject({
      status: 'WAITING_FOR_DEPOSIT',
      method: '가상계좌',
      virtualAccount: { bankName: '우리은행', bankCode: '20' },
    });
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentAwaitingDeposit']);
    const [awaiting] = await h.owner<{ data: { dueDate: string; paymentKey: string; amount: number } }[]>`
      select envelope->'data' as data from payments.outbox where type = 'PaymentAwaitingDeposit' and envelope->>'aggregateId' = ${order.orderId}`;
    expect(awaiting?.data).toMatchObject({ paymentKey, amount: 52_000 });
    expect(new Date(awaiting?.data.dueDate ?? '').getTime()).toBeGreaterThan(h.clock.now().getTime());
    const deposited = h.toss.ledger.deposit(paymentKey);
    if (!deposited.ok) throw new Error('deposit refused');
    const webhook = await call(h, 'POST', '/v1/webhooks/toss', {
      body: {
        createdAt: '2026-12-07T23:00:00',
        secret: deposited.payment.secret,
        status: 'DONE',
        transactionKey: deposited.payment.lastTransactionKey,
        orderId: order.orderId,
      },
    });
    expect(webhook.status).toBe(200);
    await h.webhookJobs.drain();
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentAwaitingDeposit', 'PaymentCompleted']);
    const payment = await call(h, 'GET', `/v1/orders/${order.orderId}/payment`, {
      token: await shopperToken(h, order.shopperId),
    });
    expect(payment.json).toMatchObject({ status: 'paid', method: '가상계좌', amount: 52_000 });
  });

  it('expires unpaid: PaymentFailed (final) once the PG says so', async () => {
    const order = placeOrder(h);
    const paymentKey = await payAtPg(h, order, '가상계좌');
    await confirm(h, order, paymentKey);
    h.toss.ledger.expire(paymentKey);
    await call(h, 'POST', '/v1/webhooks/toss', {
      body: { eventType: 'PAYMENT_STATUS_CHANGED', createdAt: '2026-12-07T23:00:00', data: { orderId: order.orderId } },
    });
    await h.webhookJobs.drain();
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentAwaitingDeposit', 'PaymentFailed']);
  });
});
