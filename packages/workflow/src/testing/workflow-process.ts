/**
 * A checkout driver in a process of its own, so a crash test can SIGKILL it at a named
 * point of a run: `CRASH_AT=<phase>:<step>:<at>` (e.g. `run:payment:after-call`) kills it
 * there, mid-transaction included. `MODE=drive` drives the run `RUN_ID` at once;
 * `MODE=sweep` waits for the sweeper to find it, as a restarted service would. Both sweep on
 * until that run has settled.
 */
import { createDrizzle, createPostgres } from '@fruitables/db';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { createWorkflowEngine } from '../engine.ts';
import { createWorkflowMetrics } from '../metrics.ts';
import { createCheckoutWorkflow } from './checkout-workflow.ts';
import * as fixtureSchema from './fixture-schema.ts';

const env = z
  .object({
    DATABASE_URL: z.string().min(1),
    STOCK_URL: z.url(),
    SLOT_URL: z.url(),
    PAYMENT_URL: z.url(),
    RUN_ID: z.uuid(),
    KIND: z.string().min(1),
    MODE: z.enum(['drive', 'sweep']),
    CRASH_AT: z.string().optional(),
    LEASE_MS: z.coerce.number().int().positive(),
  })
  .parse(process.env);

const sql = createPostgres(env.DATABASE_URL, { applicationName: `workflow-${env.MODE}`, max: 2 });
const db = createDrizzle(sql, fixtureSchema);
const engine = createWorkflowEngine({
  db,
  runs: fixtureSchema.workflowRuns,
  workflows: [
    createCheckoutWorkflow({ stockUrl: env.STOCK_URL, slotUrl: env.SLOT_URL, paymentUrl: env.PAYMENT_URL }, env.KIND),
  ],
  logger: pino({ level: 'warn' }, pino.destination(2)),
  metrics: createWorkflowMetrics(new Registry()),
  leaseMs: env.LEASE_MS,
  checkpoint: (point) => {
    if (`${point.phase}:${point.step}:${point.at}` === env.CRASH_AT) process.kill(process.pid, 'SIGKILL');
  },
});

// A driver that hit a transient failure (a stand-in slow under load) hands the run back for
// a retry; sweeping on until it settles keeps the crash point reachable on the retry.
if (env.MODE === 'drive') await engine.runNow(env.RUN_ID);
const deadline = Date.now() + 30_000;
for (;;) {
  const [run] = await db
    .select({ state: fixtureSchema.workflowRuns.state })
    .from(fixtureSchema.workflowRuns)
    .where(eq(fixtureSchema.workflowRuns.id, env.RUN_ID));
  if (run && run.state !== 'running' && run.state !== 'compensating') break;
  if (Date.now() > deadline) {
    console.error(`run ${env.RUN_ID} still ${run?.state} after 30 s`);
    process.exit(1);
  }
  await engine.sweepOnce();
  await Bun.sleep(100);
}
await sql.end({ timeout: 5 });
process.exit(0);
