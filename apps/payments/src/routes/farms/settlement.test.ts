import { newId } from '@fruitables/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { farmBalanceSchema, statementSchema } from '../../contract/ledger.ts';
import { applyOrderCompleted } from '../../domain/order-completed.ts';
import {
  call,
  confirm,
  createHarness,
  type PaymentsHarness,
  payAtPg,
  placeOrder,
  TEST_LEDGER,
} from '../../testing/harness.ts';

let h: PaymentsHarness;
beforeAll(async () => {
  h = await createHarness('payments-settlement');
});
afterAll(async () => {
  await h.close();
});

async function completedSale(farmId: string, goods: number, delivery: number, refunded = 0) {
  h.identity.setAccount({ farmId, bankCode: '011', accountNumber: '301-1234-5678-91', holderName: '박정호' });
  const order = placeOrder(h, { amount: goods + delivery });
  await confirm(h, order, await payAtPg(h, order));
  await h.db.transaction((tx) =>
    applyOrderCompleted(tx, TEST_LEDGER, {
      orderId: order.orderId,
      fulfilmentId: newId(),
      farmId,
      goodsAmount: goods,
      deliveryFee: delivery,
      refundedAmount: refunded,
      completedAt: h.clock.now().toISOString(),
    }),
  );
  return order;
}

describe("the farmer's balance and statement", () => {
  it('shows the sale after completion, net of commission, and a settlement pays it once with PayoutPaid', async () => {
    const farmId = newId();
    const farmer = await h.signer.farmer([farmId]);
    const admin = await h.signer.admin();
    await completedSale(farmId, 30_000, 4_000);
    await completedSale(farmId, 20_000, 4_000, 5_000);
    const balance = (await call(h, 'GET', `/v1/farms/${farmId}/balance`, { token: farmer })).parse(farmBalanceSchema);
    // 30,000 − 10% = 27,000; (20,000 − 5,000) − 10% = 13,500.
    expect(balance).toMatchObject({ balance: 40_500, upcomingPayout: 40_500, onHold: false, lastPayout: null });
    const statement = (await call(h, 'GET', `/v1/farms/${farmId}/statements`, { token: farmer })).parse(
      statementSchema,
    );
    expect(statement.lines.map((line) => [line.kind, line.amount, line.balanceAfter])).toEqual([
      ['fulfilment_completed', 27_000, 27_000],
      ['fulfilment_completed', 13_500, 40_500],
    ]);
    const csv = await call(h, 'GET', `/v1/farms/${farmId}/statements?format=csv`, { token: farmer });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('\uFEFF일시,구분,내용,주문번호,판매액,수수료,정산액,잔액');
    expect(statement.lines.map((line) => [line.grossAmount, line.commission])).toEqual([
      [30_000, 3_000],
      [15_000, 1_500],
    ]);
    expect(csv.text).toContain('판매(구매확정)');

    const period = { periodStart: '2026-11-30', periodEnd: '2026-12-06' };
    const run = await call(h, 'POST', '/v1/admin/settlements', { token: admin, body: period });
    expect(run.status).toBe(200);
    expect(run.json).toMatchObject({
      payouts: expect.arrayContaining([expect.objectContaining({ farmId, amount: 40_500 })]),
    });
    // Sent through the stand-in's payout API to the account identity holds, digits only.
    expect(
      h.toss.payouts.filter((payout) => payout.accountNumber === '3011234567891' && payout.amount === 40_500),
    ).toEqual([expect.objectContaining({ bankCode: '011', holderName: '박정호', memo: '프룻정산1206' })]);
    expect(run.json).toMatchObject({ payouts: [expect.objectContaining({ status: 'paid', transfer: 'payout_api' })] });
    const again = await call(h, 'POST', '/v1/admin/settlements', { token: admin, body: period });
    expect((again.json as { payouts: { farmId: string }[] }).payouts.filter((p) => p.farmId === farmId)).toEqual([]);
    const after = (await call(h, 'GET', `/v1/farms/${farmId}/balance`, { token: farmer })).parse(farmBalanceSchema);
    expect(after).toMatchObject({ balance: 0, lastPayout: { amount: 40_500 } });
    const [event] = await h.owner<{ n: number }[]>`
      select count(*)::int as n from payments.outbox where type = 'PayoutPaid' and envelope->>'aggregateId' = ${farmId}`;
    expect(event?.n).toBe(1);
  });

  it('skips a farm on hold until an admin releases it', async () => {
    const farmId = newId();
    const admin = await h.signer.admin();
    await completedSale(farmId, 10_000, 0);
    await call(h, 'POST', '/v1/admin/payout-holds', { token: admin, body: { farmId, reason: '정산 계좌 확인 중' } });
    const held = await call(h, 'POST', '/v1/admin/settlements', {
      token: admin,
      body: { periodStart: '2026-12-07', periodEnd: '2026-12-13' },
    });
    expect((held.json as { payouts: { farmId: string }[] }).payouts.some((p) => p.farmId === farmId)).toBe(false);
    const balance = await call(h, 'GET', `/v1/farms/${farmId}/balance`, { token: admin });
    expect(balance.json).toMatchObject({
      balance: 9_000,
      upcomingPayout: 0,
      onHold: true,
      holdReason: '정산 계좌 확인 중',
    });
    await call(h, 'DELETE', `/v1/admin/payout-holds/${farmId}`, { token: admin });
    const released = await call(h, 'POST', '/v1/admin/settlements', {
      token: admin,
      body: { periodStart: '2026-12-07', periodEnd: '2026-12-13' },
    });
    expect((released.json as { payouts: { farmId: string; amount: number }[] }).payouts).toContainEqual(
      expect.objectContaining({ farmId, amount: 9_000 }),
    );
  });

  it("shows the admin the platform's commission, PG fees and delivery fees", async () => {
    const response = await call(h, 'GET', '/v1/admin/commission', { token: await h.signer.admin() });
    expect(response.status).toBe(200);
    const totals = response.json as { commission: number; pgFees: number; deliveryFees: number };
    expect(totals.commission).toBeGreaterThanOrEqual(3_000 + 1_500 + 1_000);
    expect(totals.pgFees).toBeGreaterThan(0);
    expect(totals.deliveryFees).toBeGreaterThanOrEqual(4_000);
  });
});

describe("the daily check against the PG's settlement list", () => {
  it('finds our payments and refunds in it, and reports what differs without fixing it', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(h.clock.now());
    const order = placeOrder(h, { amount: 25_000 });
    const paymentKey = await payAtPg(h, order);
    await confirm(h, order, paymentKey);
    // Money the PG took that we never recorded (e.g. a confirm applied by hand at the PG).
    const stray = placeOrder(h, { amount: 9_000 });
    const strayKey = await payAtPg(h, stray);
    h.toss.ledger.confirm({ paymentKey: strayKey, orderId: stray.orderId, amount: 9_000 });
    const admin = await h.signer.admin();
    const check = await call(h, 'GET', `/v1/admin/pg-settlement-check?date=${today}`, { token: admin });
    expect(check.status).toBe(200);
    const body = check.json as { differences: { orderId: string; problem: string }[] };
    expect(body.differences.find((d) => d.orderId === order.orderId)).toBeUndefined();
    expect(body.differences).toContainEqual({ orderId: stray.orderId, ours: 0, pg: 9_000, problem: 'missing_here' });
  });
});
