import { newId } from '@fruitables/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOrderCompleted } from '../../domain/order-completed.ts';
import { checkYesterdayOnce, lastWholeWeek, runWeeklySettlementOnce } from '../../domain/scheduled-settlement.ts';
import {
  call,
  confirm,
  createHarness,
  type PaymentsHarness,
  payAtPg,
  placeOrder,
  TEST_LEDGER,
} from '../../testing/harness.ts';

let api: PaymentsHarness;
let file: PaymentsHarness;
beforeAll(async () => {
  api = await createHarness('payments-payouts-api');
  file = await createHarness('payments-payouts-file', { payoutTransfer: 'bank_file' });
});
afterAll(async () => {
  await api.close();
  await file.close();
});

/** A farm owed `goods` less the 10% commission after a completed sale, with an account at identity unless told. */
async function owedFarm(h: PaymentsHarness, goods: number, account = true) {
  const farmId = newId();
  if (account) {
    h.identity.setAccount({ farmId, bankCode: '088', accountNumber: '110-123-456789', holderName: '김농부' });
  }
  const order = placeOrder(h, { amount: goods });
  await confirm(h, order, await payAtPg(h, order));
  await h.db.transaction((tx) =>
    applyOrderCompleted(tx, TEST_LEDGER, {
      orderId: order.orderId,
      fulfilmentId: newId(),
      farmId,
      goodsAmount: goods,
      deliveryFee: 0,
      refundedAmount: 0,
      completedAt: h.clock.now().toISOString(),
    }),
  );
  return farmId;
}

const payoutPaidCount = async (h: PaymentsHarness, farmId: string) => {
  const [row] = await h.owner<{ n: number }[]>`
    select count(*)::int as n from payments.outbox where type = 'PayoutPaid' and envelope->>'aggregateId' = ${farmId}`;
  return row?.n ?? 0;
};

describe('the weekly settlement run', () => {
  it('takes the last whole Seoul week (Monday to Sunday)', () => {
    // Tuesday 2026-12-08 10:00 in Seoul.
    expect(lastWholeWeek(new Date('2026-12-08T01:00:00Z'))).toEqual({
      periodStart: '2026-11-30',
      periodEnd: '2026-12-06',
    });
    // Sunday 2026-12-13 23:30 in Seoul: that week is not whole yet.
    expect(lastWholeWeek(new Date('2026-12-13T14:30:00Z')).periodEnd).toBe('2026-12-06');
  });

  it('pays each farm through the payout API with PayoutPaid, once: a second run of the week does nothing', async () => {
    const farmId = await owedFarm(api, 20_000);
    const nowhere = await owedFarm(api, 5_000, false);
    const first = await runWeeklySettlementOnce(api.ctx);
    expect(first.ran).toBe(true);
    expect(
      api.toss.payouts.filter((payout) => payout.amount === 18_000 && payout.holderName === '김농부'),
    ).toHaveLength(1);
    expect(await payoutPaidCount(api, farmId)).toBe(1);
    // No account at identity: not paid, still owed, and said so in the log.
    expect(await payoutPaidCount(api, nowhere)).toBe(0);
    expect(api.logs.lines().some((line) => line.farmId === nowhere)).toBe(true);

    const second = await runWeeklySettlementOnce(api.ctx);
    expect(second).toEqual({ ran: false, payouts: 0 });
    expect(await payoutPaidCount(api, farmId)).toBe(1);
  });

  it('retries a payout the payout API did not take on the next pass, as the same transfer', async () => {
    api.clock.advance(7 * 86_400_000);
    const farmId = await owedFarm(api, 10_000);
    api.toss.faults.set({ rules: [{ endpoint: 'payout', kind: 'error', status: 503, times: 1 }] });
    await runWeeklySettlementOnce(api.ctx);
    api.toss.faults.clear();
    expect(await payoutPaidCount(api, farmId)).toBe(0);
    await runWeeklySettlementOnce(api.ctx);
    expect(await payoutPaidCount(api, farmId)).toBe(1);
    expect(api.toss.payouts.filter((payout) => payout.amount === 9_000)).toHaveLength(1);
  });

  it('takes again a week whose run died half-way (claimed 30 minutes ago, never finished), and only that', async () => {
    api.clock.advance(7 * 86_400_000);
    const farmId = await owedFarm(api, 4_000);
    const { periodStart, periodEnd } = lastWholeWeek(api.clock.now());
    const claimedAt = new Date(api.clock.now().getTime() - 10 * 60_000);
    await api.owner`insert into payments.settlement_runs (period_end, period_start, started_at)
      values (${periodEnd}, ${periodStart}, ${claimedAt})`;
    expect((await runWeeklySettlementOnce(api.ctx)).ran).toBe(false);
    api.clock.advance(31 * 60_000);
    expect((await runWeeklySettlementOnce(api.ctx)).ran).toBe(true);
    expect(await payoutPaidCount(api, farmId)).toBe(1);
  });
});

describe('payouts by bank file', () => {
  it('books the run, writes the bulk-transfer CSV, and PayoutPaid follows only when the admin marks it paid', async () => {
    const farmId = await owedFarm(file, 30_000);
    const admin = await file.signer.admin();
    const period = { periodStart: '2026-11-30', periodEnd: '2026-12-06' };
    const run = await call(file, 'POST', '/v1/admin/settlements', { token: admin, body: period });
    expect(run.json).toMatchObject({
      payouts: [expect.objectContaining({ farmId, amount: 27_000, status: 'requested', paidAt: null })],
    });
    expect(await payoutPaidCount(file, farmId)).toBe(0);

    const csv = await call(file, 'GET', '/v1/admin/settlements/2026-12-06/bank-file', { token: admin });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('cache-control')).toBe('no-store');
    expect(csv.text.split('\r\n').slice(0, 2)).toEqual([
      '\uFEFF입금은행코드,입금계좌번호,예금주명,이체금액,받는분통장표시',
      '088,110123456789,김농부,27000,프룻정산1206',
    ]);

    const paid = await call(file, 'POST', '/v1/admin/settlements/2026-12-06/bank-file/paid', { token: admin });
    expect(paid.json).toEqual({ paid: 1 });
    expect(await payoutPaidCount(file, farmId)).toBe(1);
    const again = await call(file, 'POST', '/v1/admin/settlements/2026-12-06/bank-file/paid', { token: admin });
    expect(again.json).toEqual({ paid: 0 });
    const balance = await call(file, 'GET', `/v1/farms/${farmId}/balance`, { token: admin });
    expect(balance.json).toMatchObject({ balance: 0, lastPayout: { amount: 27_000 } });
  });
});

describe("the daily check against the PG's settlement list, scheduled", () => {
  // The bank-file harness's clock was never advanced: its "yesterday" after one day is the stand-in's today.
  it('checks yesterday once, keeps each difference for the admin, logs and counts it, fixes nothing', async () => {
    const stray = placeOrder(file, { amount: 7_000 });
    const strayKey = await payAtPg(file, stray);
    file.toss.ledger.confirm({ paymentKey: strayKey, orderId: stray.orderId, amount: 7_000 });
    file.clock.advance(86_400_000);
    const counted: number[] = [];
    const check = await checkYesterdayOnce(file.ctx, (count) => counted.push(count));
    expect(check?.differences).toContainEqual({ orderId: stray.orderId, ours: 0, pg: 7_000, problem: 'missing_here' });
    expect(counted).toEqual([check?.differences.length]);
    expect(file.logs.lines().some((line) => line.msg === 'PG settlement differs from our records')).toBe(true);
    expect(await checkYesterdayOnce(file.ctx, (count) => counted.push(count))).toBeUndefined();

    const list = await call(file, 'GET', '/v1/admin/pg-settlement-differences', { token: await file.signer.admin() });
    expect(list.status).toBe(200);
    expect((list.json as { items: { orderId: string; problem: string }[] }).items).toContainEqual(
      expect.objectContaining({ orderId: stray.orderId, problem: 'missing_here', pg: 7_000 }),
    );
    // Reported, not fixed: payments still knows nothing of that order.
    const [payment] = await file.owner<{ n: number }[]>`
      select count(*)::int as n from payments.payments where order_id = ${stray.orderId} and status = 'paid'`;
    expect(payment?.n).toBe(0);
  });
});
