/**
 * payments' confirm in a process of its own, so the crash test can SIGKILL it at a named point
 * (`CRASH_AT`, see DomainContext.checkpoint), mid-transaction included, and again in the
 * recovery. `MODE=confirm` confirms the order as the shopper would, then relays the outbox;
 * `MODE=recover` is the restarted service: the reconciler (every open attempt is stale now:
 * its process is dead) and the relay, until nothing is open and nothing is unsent.
 */
import { createBusMetrics, createOutboxRelay } from '@fruitables/bus';
import { systemClock } from '@fruitables/core';
import { createFieldCipher } from '@fruitables/core/field-cipher';
import { createDrizzle, createPostgres } from '@fruitables/db';
import { platformStreams } from '@fruitables/events';
import { createServiceClient } from '@fruitables/kit/client';
import { confirmAttempts, outbox, paymentsTables } from '@fruitables/schema-payments';
import { and, eq, inArray, isNull, sql as where } from 'drizzle-orm';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createClient } from 'redis';
import { z } from 'zod';
import { confirmPayment } from '../domain/confirm-payment.ts';
import type { DomainContext } from '../domain/context.ts';
import { reconcileOnce } from '../domain/reconcile.ts';
import { createOrdersGateway } from '../orders-client/orders-gateway.ts';
import { createTossGateway } from '../toss/toss-gateway.ts';

const env = z
  .object({
    DATABASE_URL: z.string().min(1),
    REDIS_URL: z.string().min(1),
    TOSS_URL: z.url(),
    TOSS_SECRET_KEY: z.string().min(1),
    ORDERS_URL: z.url(),
    ORDER_ID: z.uuid(),
    SHOPPER_ID: z.uuid(),
    PAYMENT_KEY: z.string().min(1),
    AMOUNT: z.coerce.number().int(),
    MODE: z.enum(['confirm', 'recover']),
    CRASH_AT: z.string().optional(),
    PG_TIMEOUT_MS: z.coerce.number().int().positive(),
  })
  .parse(process.env);

const sql = createPostgres(env.DATABASE_URL, { applicationName: `payments-${env.MODE}`, max: 3 });
const db = createDrizzle(sql, paymentsTables);
const redis = createClient({ url: env.REDIS_URL });
await redis.connect();
const checkpoint = (point: string) => {
  if (point === env.CRASH_AT) process.kill(process.pid, 'SIGKILL');
};
const ctx: DomainContext = {
  db,
  clock: systemClock,
  logger: pino({ level: process.env.PAYMENTS_CRASH_LOG ?? 'silent' }, pino.destination(2)),
  pg: createTossGateway({ apiUrl: env.TOSS_URL, secretKey: env.TOSS_SECRET_KEY, timeoutMs: env.PG_TIMEOUT_MS }),
  orders: createOrdersGateway(
    createServiceClient({
      callee: 'orders',
      baseUrl: env.ORDERS_URL,
      tokens: { getToken: async () => 'stand-in-token', invalidate: () => undefined },
    }),
  ),
  checkout: { provider: 'stand-in', clientKey: 'unused', paymentPageUrl: null, shopOrigin: 'http://shop.test' },
  // The crashed process is dead, so nothing in flight is anyone's; the PG's "not approved" is final.
  reconcile: { inFlightGraceMs: 0, abandonAfterMs: 0 },
  ledger: { commissionBps: 1_000, pgFeeBps: 250 },
  // Confirms never seal anything; a throwaway key keeps the context whole.
  cipher: createFieldCipher({
    keys: new Map([['crash', crypto.getRandomValues(new Uint8Array(32))]]),
    activeKeyId: 'crash',
  }),
  // Confirms never pay farms out.
  farmAccounts: { payoutAccountOf: async () => undefined },
  payoutTransfer: 'bank_file',
  checkpoint,
};

/** This order's events not yet on the stream (concurrent cases share the outbox and the stream). */
const unsentEvents = () =>
  db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(isNull(outbox.sentAt), where`${outbox.envelope}->>'aggregateId' = ${env.ORDER_ID}`));

/** Runs the service's real relay until the outbox is empty (it XADDs, then marks sent, then commits). */
async function relayAll(): Promise<void> {
  const ours = new Set((await unsentEvents()).map((row) => row.id));
  if (ours.size === 0) return;
  const relay = createOutboxRelay({
    sql,
    db,
    outbox,
    redis,
    stream: platformStreams.payments,
    logger: ctx.logger,
    metrics: createBusMetrics(new Registry()),
    pollIntervalMs: 50,
    // Killed only while relaying this order's events (another case's relay may carry them).
    beforeMarkSent: (rows) => {
      if (rows.some((row) => ours.has(row.id))) checkpoint('relay:before-mark-sent');
    },
  });
  await relay.start();
  const deadline = Date.now() + 30_000;
  while ((await unsentEvents()).length > 0) {
    if (Date.now() > deadline) {
      console.error(`order ${env.ORDER_ID}: events still unsent after 30 s`);
      process.exit(1);
    }
    await Bun.sleep(10);
  }
  await relay.stop();
  checkpoint('relay:after-commit');
}

if (env.MODE === 'confirm') {
  try {
    await confirmPayment(ctx, {
      shopperId: env.SHOPPER_ID,
      orderId: env.ORDER_ID,
      paymentKey: env.PAYMENT_KEY,
      amount: env.AMOUNT,
    });
  } catch {
    // A refusal or no answer: what became of it is for the recovery to find out.
  }
  await relayAll();
} else {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await reconcileOnce(ctx);
    await relayAll();
    const open = await db
      .select({ id: confirmAttempts.id })
      .from(confirmAttempts)
      .where(and(eq(confirmAttempts.orderId, env.ORDER_ID), inArray(confirmAttempts.state, ['in_flight', 'unknown'])));
    const unsent = await unsentEvents();
    if (open.length === 0 && unsent.length === 0) break;
    if (Date.now() > deadline) {
      console.error(`order ${env.ORDER_ID}: ${open.length} attempts open, ${unsent.length} events unsent after 30 s`);
      process.exit(1);
    }
    await Bun.sleep(50);
  }
}
await redis.close();
await sql.end({ timeout: 5 });
process.exit(0);
