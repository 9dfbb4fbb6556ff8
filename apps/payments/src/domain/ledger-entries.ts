/**
 * The double-entry ledger's entries, built without a database so the rules can be checked on
 * their own (ledger.property.test.ts). Amounts are integer KRW; a debit is positive, a credit
 * negative; every entry's lines sum to zero.
 *
 * Accounts:
 * - `platform:pg_clearing`  money the PG holds for us (payments in, refunds and its fees out)
 * - `platform:unearned`     paid for, not yet completed (구매확정): owed to shoppers or farms
 * - `platform:commission`   the platform's commission revenue
 * - `platform:pg_fees`      what the PG charged (expense)
 * - `platform:delivery`     delivery fees collected (they pay the couriers)
 * - `platform:bank`         money sent out to farms
 * - `farm:<id>:payable`     what the platform owes a farm (credit balance)
 */

export interface LedgerPolicy {
  /** The platform's commission on a farm's goods, in basis points (1,000 = 10%). */
  commissionBps: number;
  /** The PG's fee on a payment, in basis points (250 = 2.5%). */
  pgFeeBps: number;
}

export interface LedgerLine {
  account: string;
  farmId: string | null;
  amount: number;
}

export interface LedgerEntry {
  kind: 'payment' | 'pg_fee' | 'refund' | 'fulfilment_completed' | 'payout';
  /** What caused it; the same cause never posts twice. */
  sourceKey: string;
  orderId: string | null;
  farmId: string | null;
  description: string;
  lines: LedgerLine[];
}

export const accounts = {
  pgClearing: 'platform:pg_clearing',
  unearned: 'platform:unearned',
  commission: 'platform:commission',
  pgFees: 'platform:pg_fees',
  delivery: 'platform:delivery',
  bank: 'platform:bank',
  farmPayable: (farmId: string) => `farm:${farmId}:payable`,
} as const;

const line = (account: string, amount: number, farmId: string | null = null): LedgerLine => ({
  account,
  farmId,
  amount,
});

/** Rounded half up to the won: a fee or commission is never a fraction of a won. */
export const basisPoints = (amount: number, bps: number): number => Math.round((amount * bps) / 10_000);

/** Drops zero lines (the table refuses them); an entry left with none is not posted. */
const entry = (value: LedgerEntry): LedgerEntry => ({ ...value, lines: value.lines.filter((l) => l.amount !== 0) });

/** A payment came in: the PG holds it for us, and it is owed until the order completes. */
export function paymentEntries(
  policy: LedgerPolicy,
  payment: { orderId: string; paymentKey: string; amount: number },
): LedgerEntry[] {
  const fee = basisPoints(payment.amount, policy.pgFeeBps);
  return [
    entry({
      kind: 'payment',
      sourceKey: `payment:${payment.paymentKey}`,
      orderId: payment.orderId,
      farmId: null,
      description: '결제 승인',
      lines: [line(accounts.pgClearing, payment.amount), line(accounts.unearned, -payment.amount)],
    }),
    entry({
      kind: 'pg_fee',
      sourceKey: `pg_fee:${payment.paymentKey}`,
      orderId: payment.orderId,
      farmId: null,
      description: 'PG 수수료',
      lines: [line(accounts.pgFees, fee), line(accounts.pgClearing, -fee)],
    }),
  ];
}

/** Money went back to the shopper: no longer owed, and gone from the PG's hands. */
export function refundEntry(refund: { refundId: string; orderId: string; amount: number }): LedgerEntry {
  return entry({
    kind: 'refund',
    sourceKey: `refund:${refund.refundId}`,
    orderId: refund.orderId,
    farmId: null,
    description: '환불',
    lines: [line(accounts.unearned, refund.amount), line(accounts.pgClearing, -refund.amount)],
  });
}

/**
 * A fulfilment was completed (구매확정): what it sold net of its refunds leaves `unearned`.
 * Refunds come off the goods first, then the delivery fee; the farm is owed the net goods
 * less the platform's commission, and the delivery fee is the platform's (it pays the courier).
 */
export function fulfilmentCompletedEntry(
  policy: LedgerPolicy,
  completed: {
    orderId: string;
    fulfilmentId: string;
    farmId: string;
    goodsAmount: number;
    deliveryFee: number;
    refundedAmount: number;
  },
): LedgerEntry {
  const net = Math.max(0, completed.goodsAmount + completed.deliveryFee - completed.refundedAmount);
  const goods = Math.max(0, completed.goodsAmount - completed.refundedAmount);
  const delivery = net - goods;
  const commission = basisPoints(goods, policy.commissionBps);
  return entry({
    kind: 'fulfilment_completed',
    sourceKey: `fulfilment:${completed.fulfilmentId}`,
    orderId: completed.orderId,
    farmId: completed.farmId,
    description: '구매확정: 농가 정산 예정',
    lines: [
      line(accounts.unearned, net),
      line(accounts.farmPayable(completed.farmId), -(goods - commission), completed.farmId),
      line(accounts.commission, -commission),
      line(accounts.delivery, -delivery),
    ],
  });
}

/** A settlement paid the farm what it was owed. */
export function payoutEntry(payout: {
  payoutId: string;
  farmId: string;
  amount: number;
  periodEnd: string;
}): LedgerEntry {
  return entry({
    kind: 'payout',
    sourceKey: `payout:${payout.payoutId}`,
    orderId: null,
    farmId: payout.farmId,
    description: `정산 지급 (${payout.periodEnd}까지)`,
    lines: [
      line(accounts.farmPayable(payout.farmId), payout.amount, payout.farmId),
      line(accounts.bank, -payout.amount),
    ],
  });
}

/** The sum of an entry's lines: zero for every entry this file builds. */
export const entryTotal = (value: LedgerEntry): number => value.lines.reduce((sum, l) => sum + l.amount, 0);
