import { fileURLToPath } from 'node:url';
import { ENVELOPE_FIELD } from '@fruitables/bus';
import { testRedisUrl } from '@fruitables/bus/testing';
import { newId } from '@fruitables/core';
import { platformStreams } from '@fruitables/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type PaymentsHarness } from '../testing/harness.ts';
import { type OrdersStandIn, startOrdersStandIn } from '../testing/orders-stand-in.ts';
import type { FaultRule } from '../toss-stand-in/faults.ts';
import { startTossStandIn, type TossStandIn } from '../toss-stand-in/server.ts';

const processScript = fileURLToPath(new URL('../testing/confirm-process.ts', import.meta.url));
const PG_TIMEOUT_MS = 300;

type Rule = Partial<FaultRule> & Pick<FaultRule, 'endpoint' | 'kind'>;

const attempt = ['attempt:before-commit', 'attempt:after-commit', 'pg-confirm:before-call', 'pg-confirm:after-call'];
const lookup = ['lookup:before-call', 'lookup:after-call', 'lookup:before-commit', 'lookup:after-commit'];
const lookupFails = ['lookup:before-call', 'lookup:after-call', 'unknown:before-commit', 'unknown:after-commit'];
const relay = ['relay:before-mark-sent', 'relay:after-commit'];

/**
 * What the PG does with the confirm (and the first lookup after it), and the points the
 * confirm passes on that path: both ends of each PG call, both sides of each commit, the relay.
 */
const scenarios: { name: string; outcome: 'approve' | 'reject'; rules: Rule[]; points: string[] }[] = [
  {
    name: 'the PG answers',
    outcome: 'approve',
    rules: [],
    points: [...attempt, 'apply:before-commit', 'apply:after-commit', ...relay],
  },
  {
    name: 'the card is declined',
    outcome: 'reject',
    rules: [],
    points: [...attempt, 'refusal:before-commit', 'refusal:after-commit', ...relay],
  },
  {
    name: 'the confirm times out unapplied',
    outcome: 'approve',
    rules: [{ endpoint: 'confirm', kind: 'hang' }],
    points: [...attempt, ...lookup],
  },
  {
    name: 'the confirm response is dropped',
    outcome: 'approve',
    rules: [{ endpoint: 'confirm', kind: 'hang', afterApplying: true }],
    points: [...attempt, ...lookup, ...relay],
  },
  {
    name: 'the confirm answers 500 unapplied',
    outcome: 'approve',
    rules: [{ endpoint: 'confirm', kind: 'error' }],
    points: [...attempt, ...lookup],
  },
  {
    name: 'the confirm answers 503 after applying',
    outcome: 'approve',
    rules: [{ endpoint: 'confirm', kind: 'error', status: 503, afterApplying: true }],
    points: [...attempt, ...lookup, ...relay],
  },
  {
    name: 'the confirm is dropped and the first lookup answers 500',
    outcome: 'approve',
    rules: [
      { endpoint: 'confirm', kind: 'hang', afterApplying: true },
      { endpoint: 'lookup', kind: 'error' },
    ],
    points: [...attempt, ...lookupFails],
  },
  {
    name: 'the confirm answers 502 after applying and the first lookup times out',
    outcome: 'approve',
    rules: [
      { endpoint: 'confirm', kind: 'error', status: 502, afterApplying: true },
      { endpoint: 'lookup', kind: 'hang' },
    ],
    points: [...attempt, ...lookupFails],
  },
];

/** Points after which an attempt is still open, so the restarted service has work to be killed in. */
const leavesWork = new Set([
  'attempt:after-commit',
  'pg-confirm:before-call',
  'pg-confirm:after-call',
  'apply:before-commit',
  'refusal:before-commit',
  'lookup:before-call',
  'lookup:after-call',
  'lookup:before-commit',
  'unknown:before-commit',
  'unknown:after-commit',
]);
/** Where the restarted service (the reconciler and the relay) is killed again. */
const recoveryPoints = [...lookup, 'relay:before-mark-sent'];

const allCases = scenarios.flatMap((scenario) =>
  scenario.points.flatMap((crashAt) => [
    { scenario: scenario.name, crashAt, recoveryCrashAt: '-' },
    ...(leavesWork.has(crashAt)
      ? recoveryPoints.map((recoveryCrashAt) => ({ scenario: scenario.name, crashAt, recoveryCrashAt }))
      : []),
  ]),
);

/** `PAYMENTS_CRASH_CASES=20` runs a spread sample while iterating; the full set by default. */
const sample = Number(process.env.PAYMENTS_CRASH_CASES ?? 0);
const cases = sample > 0 ? allCases.filter((_, index) => index % Math.ceil(allCases.length / sample) === 0) : allCases;

let h: PaymentsHarness;
/**
 * One PG and one orders for every case, as in production: any process's reconciler resolves
 * any open attempt, so a case's recovery may well settle another case's payment. The faults
 * are each case's own (scoped to its order).
 */
let toss: TossStandIn;
let orders: OrdersStandIn;
/** Kills that really happened (a point not on a case's path lets the process finish). */
const kills: string[] = [];

beforeAll(async () => {
  h = await createHarness('payments-confirm-crash');
  toss = startTossStandIn();
  orders = startOrdersStandIn();
});
afterAll(async () => {
  await toss.close();
  await orders.stop();
  await h.close();
});

describe('a confirm whose process is SIGKILLed around the PG call, the commits and the relay', () => {
  it.concurrent.for(cases)(
    '$scenario, killed at $crashAt, then in recovery at $recoveryCrashAt',
    { timeout: 120_000 },
    async ({ scenario: name, crashAt, recoveryCrashAt }, { expect }) => {
      const scenario = scenarios.find((candidate) => candidate.name === name);
      if (!scenario) throw new Error(name);
      {
        const order = orders.place({
          orderId: newId(),
          orderNumber: 'FT-20261207-0001',
          shopperId: newId(),
          amount: 38_000,
          orderName: '성주 꿀참외 2kg 외 2건',
          status: 'awaiting_payment',
          expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
        });
        const { paymentKey } = toss.ledger.create({
          orderId: order.orderId,
          orderName: order.orderName,
          amount: order.amount,
          customerKey: order.shopperId,
          method: '카드',
          outcome: scenario.outcome,
        });
        toss.faults.add(scenario.rules.map((rule) => ({ ...rule, orderId: order.orderId })));
        const run = async (mode: 'confirm' | 'recover', at?: string) => {
          const child = Bun.spawn([process.execPath, processScript], {
            env: {
              ...process.env,
              DATABASE_URL: h.database.urlFor('payments'),
              REDIS_URL: testRedisUrl(),
              TOSS_URL: toss.url,
              TOSS_SECRET_KEY: toss.secretKey,
              ORDERS_URL: orders.url,
              ORDER_ID: order.orderId,
              SHOPPER_ID: order.shopperId,
              PAYMENT_KEY: paymentKey,
              AMOUNT: String(order.amount),
              MODE: mode,
              PG_TIMEOUT_MS: String(PG_TIMEOUT_MS),
              ...(at && at !== '-' ? { CRASH_AT: at } : {}),
            },
            stdout: 'ignore',
            stderr: 'inherit',
          });
          await child.exited;
          if (child.signalCode === 'SIGKILL') kills.push(`${name} ${mode} ${at}`);
          return child;
        };

        const confirmed = await run('confirm', crashAt);
        // The point is on this path: the confirm really died there. (After the confirm call,
        // another case's reconciler may settle this order first, so the lookup and relay points
        // are counted, not required.)
        if (/^(attempt|pg-confirm|apply|refusal):/.test(crashAt)) expect(confirmed.signalCode).toBe('SIGKILL');
        const firstRecovery = await run('recover', recoveryCrashAt);
        expect([0, null]).toContain(firstRecovery.exitCode);
        if (firstRecovery.signalCode === 'SIGKILL') expect((await run('recover')).exitCode).toBe(0);

        const charges = toss.chargesOf(order.orderId);
        const [payment] = await h.owner<{ status: string; payment_key: string | null }[]>`
          select status, payment_key from payments.payments where order_id = ${order.orderId}`;
        const events = await h.owner<{ type: string; sent: boolean }[]>`
          select type, sent_at is not null as sent from payments.outbox where envelope->>'aggregateId' = ${order.orderId} order by seq`;
        const open = await h.owner`
          select id from payments.confirm_attempts where order_id = ${order.orderId} and state in ('in_flight', 'unknown')`;
        const onStream = ((await h.redis.xRange(platformStreams.payments, '-', '+')) ?? []).map(
          (entry) =>
            JSON.parse(String(entry.message[ENVELOPE_FIELD] ?? '{}')) as { type: string; data: { orderId: string } },
        );

        // Never a double charge; a charge if and only if the order is paid, with exactly one
        // PaymentCompleted committed and sent (at least once) to the stream.
        expect(charges.length).toBeLessThanOrEqual(1);
        const paid = payment?.status === 'paid';
        expect(paid).toBe(charges.length === 1);
        if (paid) expect(payment?.payment_key).toBe(charges[0]?.paymentKey);
        expect(events.filter((event) => event.type === 'PaymentCompleted')).toHaveLength(paid ? 1 : 0);
        expect(events.every((event) => event.sent)).toBe(true);
        expect(
          onStream.some((event) => event.type === 'PaymentCompleted' && event.data.orderId === order.orderId),
        ).toBe(paid);
        expect(open).toEqual([]);
        if (scenario.outcome === 'reject') expect(paid).toBe(false);
        // Once the PG had the confirm without a fault, the order ends paid whatever died after.
        if (
          scenario.rules.length === 0 &&
          scenario.outcome === 'approve' &&
          /^(pg-confirm:after|apply|relay)/.test(crashAt)
        ) {
          expect(paid).toBe(true);
        }
      }
    },
  );
});

describe('the crash points', () => {
  it('were really hit at least 200 times', () => {
    expect(kills.length).toBeGreaterThanOrEqual(sample > 0 ? 1 : 200);
  });
});
