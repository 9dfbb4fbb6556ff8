import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentSchema } from '../../contract/payments.ts';
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
  h = await createHarness('payments-refund-account', { pgTimeoutMs: 500 });
  service = await ordersServiceToken(h.signer);
});
afterAll(async () => {
  await h.close();
});

const account = { bank: '88', accountNumber: '110123456789', holderName: '홍길동' };

/** A virtual-account order the shopper deposited into, as payments learns it: the stand-in's deposit, then its webhook. */
async function depositedOrder(amount = 10_000) {
  const order = placeOrder(h, { amount });
  const paymentKey = await payAtPg(h, order, '가상계좌');
  const issued = await confirm(h, order, paymentKey);
  if (issued.status !== 200) throw new Error(`confirm: ${issued.status} ${issued.text}`);
  h.toss.ledger.deposit(paymentKey);
  await call(h, 'POST', '/v1/webhooks/toss', {
    body: { eventType: 'PAYMENT_STATUS_CHANGED', createdAt: '2026-12-07T23:00:00', data: { orderId: order.orderId } },
  });
  await h.webhookJobs.drain();
  return { order, paymentKey, token: await shopperToken(h, order.shopperId) };
}

const refund = (orderId: string, amount: number) =>
  call(h, 'POST', '/internal/v1/refunds', {
    token: service,
    headers: { 'idempotency-key': `refund-${crypto.randomUUID()}` },
    body: { orderId, fulfilmentId: null, amount, reason: 'shortage', description: '부족분 환불' },
  });

const giveAccount = (orderId: string, token: string, body: unknown) =>
  call(h, 'PUT', `/v1/orders/${orderId}/refund-account`, { token, body });

describe("a virtual-account payment's refund account", () => {
  it('is asked for while a refund waits; given, the waiting refunds go to the PG with it and complete', async () => {
    const { order, paymentKey, token } = await depositedOrder(10_000);
    expect((await refund(order.orderId, 3_000)).json).toMatchObject({ status: 'pending' });
    expect((await refund(order.orderId, 2_000)).json).toMatchObject({ status: 'pending' });
    const before = await call(h, 'GET', `/v1/orders/${order.orderId}/payment`, { token });
    expect(before.parse(paymentSchema)).toMatchObject({ refundAccountNeeded: true, refundAccount: null });

    const given = await giveAccount(order.orderId, token, account);
    expect(given.status).toBe(200);
    const payment = given.parse(paymentSchema);
    expect(payment).toMatchObject({
      refundedTotal: 5_000,
      refundAccountNeeded: false,
      refundAccount: { bank: '88', bankName: '신한은행', accountLast4: '6789', holderName: '홍길동' },
    });
    expect(payment.refunds.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(h.toss.ledger.payments.get(paymentKey)?.balanceAmount).toBe(5_000);
    expect(await outboxTypes(h, order.orderId)).toEqual([
      'PaymentAwaitingDeposit',
      'PaymentCompleted',
      'RefundCompleted',
      'RefundCompleted',
    ]);
    // A later refund of the same order goes to the PG at once with the stored account.
    expect((await refund(order.orderId, 1_000)).json).toMatchObject({ status: 'completed' });
  });

  it('is stored sealed: the number is not in the table, only its last four digits', async () => {
    const { order, token } = await depositedOrder();
    await giveAccount(order.orderId, token, account);
    const [row] = await h.owner<{ account_number_sealed: string; account_last4: string }[]>`
      select account_number_sealed, account_last4 from payments.refund_accounts where order_id = ${order.orderId}`;
    expect(row?.account_last4).toBe('6789');
    expect(row?.account_number_sealed).toMatch(/^v1\.t1\./);
    expect(row?.account_number_sealed).not.toContain('110123456789');
  });

  it("is given by the order's shopper only, for a virtual-account payment only", async () => {
    const { order } = await depositedOrder();
    const stranger = await giveAccount(order.orderId, await shopperToken(h, crypto.randomUUID()), account);
    expect([stranger.status, stranger.problem.code]).toEqual([404, 'payment_not_found']);
    const card = placeOrder(h);
    await confirm(h, card, await payAtPg(h, card));
    const byCard = await giveAccount(card.orderId, await shopperToken(h, card.shopperId), account);
    expect([byCard.status, byCard.problem.code]).toEqual([409, 'refund_account_not_needed']);
  });

  it('refuses an unknown bank code and a number that is not 8-20 digits, naming the field', async () => {
    const { order, token } = await depositedOrder();
    const bank = await giveAccount(order.orderId, token, { ...account, bank: '99' });
    expect([bank.status, bank.problem.errors?.[0]?.field]).toEqual([400, 'bank']);
    const hyphens = await giveAccount(order.orderId, token, { ...account, accountNumber: '110-123-456789' });
    expect([hyphens.status, hyphens.problem.errors?.[0]?.field]).toEqual([400, 'accountNumber']);
  });

  it('leaves the refund pending when the PG does not answer; the reconciler sends it with the account', async () => {
    const { order, paymentKey, token } = await depositedOrder(8_000);
    await refund(order.orderId, 8_000);
    h.toss.faults.set({ rules: [{ endpoint: 'cancel', kind: 'error', status: 502, times: 1 }] });
    const given = await giveAccount(order.orderId, token, account);
    expect(given.parse(paymentSchema).refunds[0]?.status).toBe('pending');
    h.toss.faults.clear();
    h.clock.advance(31_000);
    await reconcileOnce(h.ctx);
    expect(h.toss.ledger.payments.get(paymentKey)?.status).toBe('CANCELED');
    expect(await outboxTypes(h, order.orderId)).toEqual([
      'PaymentAwaitingDeposit',
      'PaymentCompleted',
      'RefundCompleted',
    ]);
  });
});

describe("the Toss stand-in's rule for a deposited virtual account", () => {
  it('refuses a cancel without refundReceiveAccount with INVALID_REFUND_ACCOUNT_INFO, and an unknown bank', async () => {
    const { paymentKey } = await depositedOrder();
    const cancel = (body: unknown) =>
      fetch(`${h.toss.url}/v1/payments/${paymentKey}/cancel`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${btoa(`${h.toss.secretKey}:`)}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify(body),
      });
    const bare = await cancel({ cancelReason: '환불' });
    expect([bare.status, (await bare.json()).code]).toEqual([400, 'INVALID_REFUND_ACCOUNT_INFO']);
    const badBank = await cancel({ cancelReason: '환불', refundReceiveAccount: { ...account, bank: '99' } });
    expect((await badBank.json()).code).toBe('INVALID_BANK');
    const ok = await cancel({ cancelReason: '환불', refundReceiveAccount: account });
    expect((await ok.json()).status).toBe('CANCELED');
  });
});
