import { newId } from '@fruitables/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type PaymentsHarness } from '../testing/harness.ts';
import { farmBalance } from './farm-ledger.ts';
import {
  accounts,
  entryTotal,
  fulfilmentCompletedEntry,
  type LedgerEntry,
  type LedgerPolicy,
  paymentEntries,
  payoutEntry,
  refundEntry,
} from './ledger-entries.ts';
import { postEntry } from './post-entry.ts';

/** One order's history: its fulfilments (farm, goods, delivery), refunds against each, which completed. */
const fulfilment = fc.record({
  farm: fc.integer({ min: 0, max: 3 }),
  goods: fc.integer({ min: 100, max: 500_000 }),
  delivery: fc.constantFrom(0, 3_000, 4_000, 5_000),
  refunds: fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 3 }),
  completed: fc.boolean(),
});
const history = fc.record({
  policy: fc.record({ commissionBps: fc.integer({ min: 0, max: 3_000 }), pgFeeBps: fc.integer({ min: 0, max: 500 }) }),
  orders: fc.array(fc.array(fulfilment, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
  payoutEvery: fc.integer({ min: 1, max: 4 }),
});

type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

/** Every entry a history posts, in order: payments, refunds (never past a fulfilment's total), completions, payouts. */
function entriesOf(value: History, farms: string[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  const balances = new Map<string, number>();
  value.orders.forEach((order, index) => {
    const orderId = newId();
    const amount = order.reduce((sum, f) => sum + f.goods + f.delivery, 0);
    entries.push(...paymentEntries(value.policy, { orderId, paymentKey: `pk-${orderId}`, amount }));
    for (const f of order) {
      const farmId = farms[f.farm] ?? '';
      let refunded = 0;
      for (const wanted of f.refunds) {
        const amountLeft = f.goods + f.delivery - refunded;
        const refund = Math.min(wanted, amountLeft);
        if (refund <= 0) continue;
        refunded += refund;
        entries.push(refundEntry({ refundId: newId(), orderId, amount: refund }));
      }
      if (f.completed) {
        const completed = fulfilmentCompletedEntry(value.policy, {
          orderId,
          fulfilmentId: newId(),
          farmId,
          goodsAmount: f.goods,
          deliveryFee: f.delivery,
          refundedAmount: refunded,
        });
        entries.push(completed);
        const owed = -(completed.lines.find((l) => l.account === accounts.farmPayable(farmId))?.amount ?? 0);
        balances.set(farmId, (balances.get(farmId) ?? 0) + owed);
      }
    }
    if ((index + 1) % value.payoutEvery === 0) {
      for (const [farmId, owed] of balances) {
        if (owed > 0) entries.push(payoutEntry({ payoutId: newId(), farmId, amount: owed, periodEnd: '2026-12-06' }));
        balances.set(farmId, 0);
      }
    }
  });
  return entries;
}

function totalsByAccount(entries: LedgerEntry[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const entry of entries)
    for (const l of entry.lines) totals.set(l.account, (totals.get(l.account) ?? 0) + l.amount);
  return totals;
}

describe('the ledger rules', () => {
  it('always balance: every entry sums to zero, no farm is owed less than nothing, unearned never goes negative', () => {
    fc.assert(
      fc.property(history, (value) => {
        const farms = [newId(), newId(), newId(), newId()];
        const entries = entriesOf(value, farms);
        for (const entry of entries) expect(entryTotal(entry)).toBe(0);
        const totals = totalsByAccount(entries);
        expect([...totals.values()].reduce((sum, amount) => sum + amount, 0)).toBe(0);
        for (const farmId of farms) expect(-(totals.get(accounts.farmPayable(farmId)) ?? 0)).toBeGreaterThanOrEqual(0);
        // What was paid and not refunded nor completed is still owed to someone.
        expect(-(totals.get(accounts.unearned) ?? 0)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500, seed: 20261213 },
    );
  });

  it('pays a farm exactly its goods net of refunds, less the commission', () => {
    const policy: LedgerPolicy = { commissionBps: 1_000, pgFeeBps: 250 };
    const entry = fulfilmentCompletedEntry(policy, {
      orderId: newId(),
      fulfilmentId: newId(),
      farmId: 'f',
      goodsAmount: 50_000,
      deliveryFee: 4_000,
      refundedAmount: 20_000,
    });
    expect(entry.lines).toEqual([
      { account: accounts.unearned, farmId: null, amount: 34_000 },
      { account: 'farm:f:payable', farmId: 'f', amount: -27_000 },
      { account: accounts.commission, farmId: null, amount: -3_000 },
      { account: accounts.delivery, farmId: null, amount: -4_000 },
    ]);
  });
});

describe('the books in PostgreSQL', () => {
  let h: PaymentsHarness;
  beforeAll(async () => {
    h = await createHarness('payments-ledger-property');
  });
  afterAll(async () => {
    await h.close();
  });

  it('balance after random histories are posted, and each cause posts once', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (value) => {
        const farms = [newId(), newId(), newId(), newId()];
        const entries = entriesOf(value, farms);
        await h.db.transaction(async (tx) => {
          for (const entry of entries) await postEntry(tx, entry, h.clock.now());
          // Posting the same causes again changes nothing.
          for (const entry of entries) expect(await postEntry(tx, entry, h.clock.now())).toBeUndefined();
        });
        const [all] = await h.owner<
          { total: string }[]
        >`select coalesce(sum(amount), 0)::text as total from payments.journal_lines`;
        expect(all?.total).toBe('0');
        const unbalanced = await h.owner`
          select entry_id from payments.journal_lines group by entry_id having sum(amount) <> 0`;
        expect(unbalanced).toEqual([]);
        const expected = totalsByAccount(entries);
        for (const farmId of farms) {
          expect(await farmBalance(h.db, farmId)).toBe(-(expected.get(accounts.farmPayable(farmId)) ?? 0));
        }
      }),
      { numRuns: 30, seed: 20261213 },
    );
  }, 120_000);
});
