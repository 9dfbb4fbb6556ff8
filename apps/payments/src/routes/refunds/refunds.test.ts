import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundSchema } from '../../contract/internal-refunds.ts';
import { reconcileOnce } from '../../domain/reconcile.ts';
import {
  call,
  confirm,
  createHarness,
  ordersServiceToken,
  outboxTypes,
  type PaymentsHarness,
  payAtPg,
  placeOrder,
  shopperToken,
} from '../../testing/harness.ts';

let h: PaymentsHarness;
let service: string;
beforeAll(async () => {
  h = await createHarness('payments-refunds', { poolMax: 20, pgTimeoutMs: 500 });
  service = await ordersServiceToken(h.signer);
});
afterAll(async () => {
  await h.close();
});

async function paidOrder(amount = 38_000, method: '카드' | '가상계좌' = '카드') {
  const order = placeOrder(h, { amount });
  const paymentKey = await payAtPg(h, order, method);
  const confirmed = await confirm(h, order, paymentKey);
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${confirmed.text}`);
  return { order, paymentKey };
}

const refund = (orderId: string, amount: number, key = `refund-${crypto.randomUUID()}`, description = '부족분 환불') =>
  call(h, 'POST', '/internal/v1/refunds', {
    token: service,
    headers: { 'idempotency-key': key },
    body: { orderId, fulfilmentId: null, amount, reason: 'shortage', description },
  });

describe('refunding', () => {
  it('refunds in part, then the rest; the PG cancels exactly that and orders hears RefundCompleted each time', async () => {
    const { order, paymentKey } = await paidOrder(38_000);
    const first = await refund(order.orderId, 12_000);
    expect(first.status).toBe(201);
    expect(first.parse(refundSchema)).toMatchObject({ amount: 12_000, status: 'completed', refundedTotal: 12_000 });
    expect(h.toss.ledger.payments.get(paymentKey)).toMatchObject({ status: 'PARTIAL_CANCELED', balanceAmount: 26_000 });
    const rest = await refund(order.orderId, 26_000);
    expect(rest.json).toMatchObject({ status: 'completed', refundedTotal: 38_000 });
    expect(h.toss.ledger.payments.get(paymentKey)).toMatchObject({ status: 'CANCELED', balanceAmount: 0 });
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentCompleted', 'RefundCompleted', 'RefundCompleted']);
    const shown = await call(h, 'GET', `/v1/orders/${order.orderId}/payment`, {
      token: await shopperToken(h, order.shopperId),
    });
    expect(shown.json).toMatchObject({ refundedTotal: 38_000, refunds: [{ amount: 12_000 }, { amount: 26_000 }] });
  });

  it('answers the same refund for the same Idempotency-Key and refunds once; another body with it is refused', async () => {
    const { order, paymentKey } = await paidOrder(20_000);
    const key = `refund-${crypto.randomUUID()}`;
    const first = await refund(order.orderId, 5_000, key);
    const again = await refund(order.orderId, 5_000, key);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json).toEqual(first.json);
    expect(h.toss.ledger.payments.get(paymentKey)?.balanceAmount).toBe(15_000);
    const reused = await refund(order.orderId, 6_000, key);
    expect([reused.status, reused.problem.code]).toEqual([409, 'idempotency_key_reused']);
  });

  it('refuses more than what is left (409 refund_exceeds_paid) and a payment not completed', async () => {
    const { order } = await paidOrder(10_000);
    await refund(order.orderId, 7_000);
    const over = await refund(order.orderId, 3_001);
    expect([over.status, over.problem.code]).toEqual([409, 'refund_exceeds_paid']);
    const unpaid = placeOrder(h);
    await call(h, 'POST', '/v1/checkout-sessions', {
      token: await shopperToken(h, unpaid.shopperId),
      body: { orderId: unpaid.orderId, successUrl: 'http://shop.test/ok', failUrl: 'http://shop.test/fail' },
    });
    const notPaid = await refund(unpaid.orderId, 1_000);
    expect([notPaid.status, notPaid.problem.code]).toEqual([409, 'payment_not_completed']);
    const none = await refund(crypto.randomUUID(), 1_000);
    expect([none.status, none.problem.code]).toEqual([404, 'payment_not_found']);
  });

  it('never refunds more than was paid when refunds race: 20 concurrent refunds of 3,000 on 30,000', async () => {
    const { order, paymentKey } = await paidOrder(30_000);
    const responses = await Promise.all(Array.from({ length: 20 }, () => refund(order.orderId, 3_000)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(responses.filter((response) => response.status === 409).map((response) => response.problem.code)).toEqual(
      Array(10).fill('refund_exceeds_paid'),
    );
    expect(h.toss.ledger.payments.get(paymentKey)).toMatchObject({ status: 'CANCELED', balanceAmount: 0 });
    const [row] = await h.owner<{ refunded_total: number }[]>`
      select refunded_total from payments.payments where order_id = ${order.orderId}`;
    expect(row?.refunded_total).toBe(30_000);
    expect((await outboxTypes(h, order.orderId)).filter((type) => type === 'RefundCompleted')).toHaveLength(10);
  }, 60_000);

  it('keeps a refund pending when the PG does not answer; the retry with the same key completes it once', async () => {
    const { order, paymentKey } = await paidOrder(10_000);
    h.toss.faults.set({ rules: [{ endpoint: 'cancel', kind: 'hang', afterApplying: true }] });
    const key = `refund-${crypto.randomUUID()}`;
    const lost = await refund(order.orderId, 4_000, key);
    expect([lost.status, lost.problem.code]).toEqual([503, 'payment_pending']);
    const retried = await refund(order.orderId, 4_000, key);
    expect(retried.json).toMatchObject({ status: 'completed', amount: 4_000 });
    expect(h.toss.ledger.payments.get(paymentKey)?.balanceAmount).toBe(6_000);
    expect((await outboxTypes(h, order.orderId)).filter((type) => type === 'RefundCompleted')).toHaveLength(1);
  });

  it('lets the reconciler finish a refund left pending', async () => {
    const { order, paymentKey } = await paidOrder(10_000);
    h.toss.faults.set({ rules: [{ endpoint: 'cancel', kind: 'error', status: 502 }] });
    expect((await refund(order.orderId, 2_500)).status).toBe(503);
    h.clock.advance(31_000);
    await reconcileOnce(h.ctx);
    expect(h.toss.ledger.payments.get(paymentKey)?.balanceAmount).toBe(7_500);
    expect(await outboxTypes(h, order.orderId)).toEqual(['PaymentCompleted', 'RefundCompleted']);
  });

  it('keeps a virtual-account refund pending, its amount reserved, until the refund account is known', async () => {
    const { order } = await paidOrder(10_000, '가상계좌');
    const deposit = h.toss.ledger.all().find((payment) => payment.orderId === order.orderId);
    h.toss.ledger.deposit(deposit?.paymentKey ?? '');
    await call(h, 'POST', '/v1/webhooks/toss', {
      body: { eventType: 'PAYMENT_STATUS_CHANGED', createdAt: '2026-12-07T23:00:00', data: { orderId: order.orderId } },
    });
    await h.webhookJobs.drain();
    const pending = await refund(order.orderId, 10_000);
    expect(pending.json).toMatchObject({ status: 'pending', refundedTotal: 10_000 });
    const more = await refund(order.orderId, 1);
    expect(more.problem.code).toBe('refund_exceeds_paid');
  });
});
