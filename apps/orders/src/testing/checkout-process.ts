/**
 * orders' checkout and payment in a process of their own, so the crash test can SIGKILL it at
 * a named point, mid-transaction included, and kill the process that resumes it again. It is
 * the real domain (placeOrder, the workflow engine, the payment event handlers) against the
 * test database and the services the test serves over HTTP (the real catalog app, logistics'
 * stand-in).
 *
 * Each process walks every order of `SCENARIOS` to its end from wherever the last one left it,
 * as a restarted orders would: the first places the order (the shopper's POST /checkouts);
 * any later one finds it by its Idempotency-Key. Then the checkout run is driven until it
 * settles, what payments reports is applied (again: a stream entry not acknowledged before the
 * crash is delivered again, and the handler is idempotent), and the run that starts (pay or
 * release) is driven until it settles.
 *
 * `CRASH_AT` names the point: `<workflow>:<phase>:<step>:<at>` (e.g. `checkout:run:stock:after-call`,
 * see WorkflowPoint) or `<event>:before-commit|after-commit` around the handler's transaction
 * (`payment-completed`, `payment-failed`).
 */
import { systemClock } from '@fruitables/core';
import { createDrizzle, createPostgres } from '@fruitables/db';
import type { PlatformEvent } from '@fruitables/events';
import { createServiceClient } from '@fruitables/kit/client';
import { checkoutKeys, orders, ordersTables, workflowRuns } from '@fruitables/schema-orders';
import { createWorkflowMetrics } from '@fruitables/workflow';
import { and, asc, eq, ne, sql as where } from 'drizzle-orm';
import pino from 'pino';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { createOrdersDomain } from '../domain/build.ts';
import type { OrdersPolicy } from '../domain/context.ts';
import { applyPaymentCompleted, applyPaymentFailed } from '../domain/payment-events.ts';
import { type CheckoutRequest, placeOrder } from '../domain/place-order.ts';

const scenarioSchema = z.object({
  shopperId: z.uuid(),
  idempotencyKey: z.string().min(1),
  /** The body of POST /checkouts, as the test built it. */
  checkout: z.custom<CheckoutRequest>((value) => typeof value === 'object' && value !== null),
  /** What payments reports once the order is placed: the money came, or it never will. */
  payment: z.enum(['completed', 'failed']),
  /** The event's id: the same one on every delivery. */
  eventId: z.uuidv7(),
});

export type CrashScenario = z.infer<typeof scenarioSchema>;

const json = <T extends z.ZodType>(schema: T) => z.string().transform((text) => schema.parse(JSON.parse(text)));

const env = z
  .object({
    DATABASE_URL: z.string().min(1),
    CATALOG_URL: z.url(),
    CATALOG_TOKEN: z.string().min(1),
    LOGISTICS_URL: z.url(),
    PAYMENTS_URL: z.url(),
    /** The lease owner, so the test can let this process's leases run out once it is dead. */
    OWNER: z.string().min(1),
    POLICY: json(z.custom<OrdersPolicy>((value) => typeof value === 'object' && value !== null)),
    SCENARIOS: json(z.array(scenarioSchema).min(1)),
    CRASH_AT: z.string().optional(),
  })
  .parse(process.env);

const crashAt = (point: string) => {
  if (point === env.CRASH_AT) process.kill(process.pid, 'SIGKILL');
};

const sql = createPostgres(env.DATABASE_URL, { applicationName: `orders-${env.OWNER}`, max: 4 });
const db = createDrizzle(sql, ordersTables);
const logger = pino({ level: process.env.ORDERS_CRASH_LOG ?? 'silent' }, pino.destination(2));
const client = (callee: string, baseUrl: string, token: string) =>
  createServiceClient({
    callee,
    baseUrl,
    tokens: { getToken: async () => token, invalidate: () => undefined },
    timeoutMs: 10_000,
    logger,
  });
const domain = createOrdersDomain({
  db,
  clock: systemClock,
  logger,
  policy: env.POLICY,
  remotes: {
    catalog: client('catalog', env.CATALOG_URL, env.CATALOG_TOKEN),
    // The stand-ins take any bearer token.
    logistics: client('logistics', env.LOGISTICS_URL, 'stand-in-service-token'),
    payments: client('payments', env.PAYMENTS_URL, 'stand-in-service-token'),
  },
  workflowMetrics: createWorkflowMetrics(new Registry()),
  owner: env.OWNER,
  checkpoint: (point) => crashAt(`${point.kind}:${point.phase}:${point.step}:${point.at}`),
});

const settledStates = new Set(['completed', 'compensated', 'failed']);

/** Drives one run until it settles; a run still leased to a live driver is waited for. */
async function driveToRest(runId: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const [run] = await db.select({ state: workflowRuns.state }).from(workflowRuns).where(eq(workflowRuns.id, runId));
    if (!run || settledStates.has(run.state)) return;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.state} after 20 s`);
    await domain.engine.runNow(runId);
    await Bun.sleep(20);
  }
}

async function orderOf(scenario: CrashScenario) {
  const [key] = await db
    .select({ orderId: checkoutKeys.orderId })
    .from(checkoutKeys)
    .where(
      and(eq(checkoutKeys.shopperId, scenario.shopperId), eq(checkoutKeys.idempotencyKey, scenario.idempotencyKey)),
    );
  if (!key) return undefined;
  const [order] = await db.select().from(orders).where(eq(orders.id, key.orderId));
  return order;
}

/** payments' event for this order, delivered through orders' handler in one transaction. */
async function deliverPayment(scenario: CrashScenario, order: { id: string; amount: number }) {
  const envelope = {
    id: scenario.eventId,
    version: 1,
    producer: 'payments',
    aggregateId: order.id,
    occurredAt: new Date().toISOString(),
  };
  if (scenario.payment === 'completed') {
    const event: PlatformEvent<'PaymentCompleted'> = {
      ...envelope,
      type: 'PaymentCompleted',
      data: {
        orderId: order.id,
        paymentKey: `pk-${scenario.eventId}`,
        amount: order.amount,
        method: '카드',
        approvedAt: envelope.occurredAt,
      },
    };
    await db.transaction(async (tx) => {
      await applyPaymentCompleted(tx, domain, event);
      crashAt('payment-completed:before-commit');
    });
    crashAt('payment-completed:after-commit');
    return;
  }
  const event: PlatformEvent<'PaymentFailed'> = {
    ...envelope,
    type: 'PaymentFailed',
    data: {
      orderId: order.id,
      code: 'VIRTUAL_ACCOUNT_EXPIRED',
      message: '입금 기한이 지났어요.',
      final: true,
      failedAt: envelope.occurredAt,
    },
  };
  await db.transaction(async (tx) => {
    await applyPaymentFailed(tx, domain, event);
    crashAt('payment-failed:before-commit');
  });
  crashAt('payment-failed:after-commit');
}

async function walk(scenario: CrashScenario): Promise<void> {
  if (!(await orderOf(scenario))) {
    try {
      await placeOrder(
        domain,
        { shopperId: scenario.shopperId, emailVerified: true },
        scenario.idempotencyKey,
        scenario.checkout,
      );
    } catch {
      // A refusal (sold out) is the checkout's answer; the order and its run say what happened.
    }
  }
  const placing = await orderOf(scenario);
  if (!placing) throw new Error(`no order for key ${scenario.idempotencyKey}`);
  await driveToRest(placing.id);
  const order = await orderOf(scenario);
  // The checkout was undone: there is nothing to pay for.
  if (order?.checkoutState !== 'placed') return;
  await deliverPayment(scenario, order);
  // What the payment started (pay, or release), and whatever those start in turn.
  for (;;) {
    const live = await db
      .select({ id: workflowRuns.id })
      .from(workflowRuns)
      .where(
        and(
          where`${workflowRuns.input}->>'orderId' = ${order.id}`,
          ne(workflowRuns.id, order.id),
          where`${workflowRuns.state} in ('running', 'compensating')`,
        ),
      )
      .orderBy(asc(workflowRuns.createdAt));
    if (live.length === 0) break;
    for (const run of live) await driveToRest(run.id);
  }
}

const outcomes = await Promise.allSettled(env.SCENARIOS.map(walk));
const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
for (const failure of failures) console.error(failure);
await sql.end({ timeout: 5 });
process.exit(failures.length === 0 ? 0 : 1);
