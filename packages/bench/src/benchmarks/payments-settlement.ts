import type { Sql } from 'postgres';
import { quick } from '../closed-loop.ts';
import { startPurchaseStack } from '../servers/purchase-stack.ts';
import type { Benchmark } from './types.ts';

const ORDER_LINES = quick ? 5_000 : 100_000;
/** A week of a marketplace: many farms, each with its share of the lines. */
const FARMS = quick ? 50 : 1_000;
const GOODS = 20_000;
const DELIVERY = 3_000;
const COMMISSION = 2_000;

/**
 * The ledger as a week of sales leaves it, written straight into payments' tables in its own
 * shapes (ledger-entries.ts): each order line paid (PG clearing / unearned) and completed
 * (unearned → the farm's payable, commission, delivery). Seeding is not measured.
 */
async function seedLedger(owner: Sql): Promise<void> {
  await owner.begin(async (tx) => {
    await tx`create temporary table bench_farms on commit drop as
      select i, gen_random_uuid() as farm_id from generate_series(0, ${FARMS - 1}) i`;
    await tx`create temporary table bench_lines on commit drop as
      select n, gen_random_uuid() as order_id, gen_random_uuid() as paid_entry, gen_random_uuid() as done_entry, f.farm_id
      from generate_series(1, ${ORDER_LINES}) n join bench_farms f on f.i = n % ${FARMS}`;
    await tx`insert into payments.journal_entries (id, kind, source_key, order_id, farm_id, description, posted_at)
      select paid_entry, 'payment_completed', 'payment:' || order_id, order_id, null, '결제 완료', now() - interval '5 days'
      from bench_lines`;
    await tx`insert into payments.journal_entries (id, kind, source_key, order_id, farm_id, description, posted_at)
      select done_entry, 'fulfilment_completed', 'fulfilment:' || order_id, order_id, farm_id, '구매확정: 농가 정산 예정', now() - interval '2 days'
      from bench_lines`;
    await tx`insert into payments.journal_lines (id, entry_id, account, farm_id, amount)
      select gen_random_uuid(), paid_entry, account, null, amount from bench_lines,
      (values ('platform:pg_clearing', ${GOODS + DELIVERY}::bigint), ('platform:unearned', ${-(GOODS + DELIVERY)}::bigint)) as l(account, amount)`;
    await tx`insert into payments.journal_lines (id, entry_id, account, farm_id, amount)
      select gen_random_uuid(), done_entry, l.account, case when l.farm then farm_id end,
        l.amount from bench_lines,
      lateral (values
        ('platform:unearned', ${GOODS + DELIVERY}::bigint, false),
        ('farm:' || farm_id || ':payable', ${-(GOODS - COMMISSION)}::bigint, true),
        ('platform:commission', ${-COMMISSION}::bigint, false),
        ('platform:delivery', ${-DELIVERY}::bigint, false)) as l(account, amount, farm)`;
  });
  await owner`analyze payments.journal_lines`;
  await owner`analyze payments.journal_entries`;
}

/**
 * A settlement run over 100,000 order lines (issue #13) through payments' admin route on the
 * real payments process: every farm paid its balance, one transaction per farm, each with its
 * journal entry and PayoutPaid in the outbox. Checked: every farm paid exactly what it was owed.
 */
export const paymentsSettlementBenchmark: Benchmark = {
  name: 'payments settlement',
  async run(context) {
    // The run is one request; the kit's 10 s request deadline would cut off a slow one, and the
    // time is what is measured here.
    const stack = await startPurchaseStack(context, { env: { payments: { REQUEST_TIMEOUT_MS: '300000' } } });
    try {
      const seeding = performance.now();
      await seedLedger(stack.owner);
      context.log(
        `seeded ${ORDER_LINES} order lines for ${FARMS} farms in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
      );
      const token = await stack.signer.admin();
      const started = performance.now();
      const response = await fetch(`${stack.payments}/v1/admin/settlements`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ periodStart: '2026-11-30', periodEnd: '2026-12-06' }),
      });
      const body = (await response.json()) as { payouts: { amount: number }[] };
      const seconds = (performance.now() - started) / 1000;
      if (response.status !== 200) throw new Error(`settlement answered ${response.status}: ${JSON.stringify(body)}`);
      const owed = (ORDER_LINES / FARMS) * (GOODS - COMMISSION);
      if (body.payouts.length !== FARMS || body.payouts.some((payout) => payout.amount !== owed)) {
        throw new Error(`settlement paid ${body.payouts.length} farms, expected ${FARMS} each ${owed}`);
      }
      context.log(`settlement: ${FARMS} payouts in ${seconds.toFixed(2)} s`);
      return [
        {
          id: 'payments-settlement-run',
          title: `Settlement run over ${ORDER_LINES.toLocaleString('en-US')} order lines (${FARMS.toLocaleString('en-US')} farms)`,
          value: Number(seconds.toFixed(2)),
          unit: 's',
          target: '< 10 s',
          met: seconds < 10,
          detail: `POST /v1/admin/settlements on the payments process; ${ORDER_LINES * 6} journal lines seeded in payments' own shapes; every farm paid exactly its balance`,
        },
      ];
    } finally {
      await stack.stop();
    }
  },
};
