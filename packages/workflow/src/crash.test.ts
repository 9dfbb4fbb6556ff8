import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createWorkflowEngine } from './engine.ts';
import { type CheckoutInput, createCheckoutWorkflow } from './testing/checkout-workflow.ts';
import { orders, outbox, workflowRuns } from './testing/fixture-schema.ts';
import { createWorkflowHarness, type WorkflowHarness } from './testing/harness.ts';
import { type StandIn, startStandIn } from './testing/stand-in.ts';

const processScript = fileURLToPath(new URL('./testing/workflow-process.ts', import.meta.url));
const LEASE_MS = 2_500;
const POINTS = ['before-call', 'after-call', 'before-commit', 'after-commit'] as const;

interface CrashCase {
  path: 'completes' | 'payment declined';
  crashAt: string;
}

// Every named point a run passes on each path: both ends of each remote call and both sides
// of each local commit, forward and (when the card is declined) backward.
const cases: CrashCase[] = [
  ...['stock', 'slot', 'payment'].flatMap((step) =>
    POINTS.map((at) => ({ path: 'completes' as const, crashAt: `run:${step}:${at}` })),
  ),
  ...['stock', 'slot', 'payment'].flatMap((step) =>
    POINTS.map((at) => ({ path: 'payment declined' as const, crashAt: `run:${step}:${at}` })),
  ),
  ...['slot', 'stock'].flatMap((step) =>
    POINTS.map((at) => ({ path: 'payment declined' as const, crashAt: `compensate:${step}:${at}` })),
  ),
];

describe('a checkout whose driver is SIGKILLed at each point of its run', () => {
  let h: WorkflowHarness;
  let stock: StandIn;
  let slot: StandIn;
  let payment: StandIn;

  beforeAll(async () => {
    h = await createWorkflowHarness('workflow crash');
    [stock, slot, payment] = ['stock', 'slot', 'payment'].map(startStandIn) as [StandIn, StandIn, StandIn];
  });
  afterAll(async () => {
    await Promise.all([stock, slot, payment].map((standIn) => standIn?.close()));
    await h.close();
  });

  async function runProcess(kind: string, runId: string, mode: 'drive' | 'sweep', crashAt?: string) {
    const child = Bun.spawn([process.execPath, processScript], {
      env: {
        ...process.env,
        DATABASE_URL: h.testbed.database.urlFor('workflow_fixture'),
        STOCK_URL: stock.url,
        SLOT_URL: slot.url,
        PAYMENT_URL: payment.url,
        RUN_ID: runId,
        KIND: kind,
        MODE: mode,
        LEASE_MS: String(LEASE_MS),
        ...(crashAt ? { CRASH_AT: crashAt } : {}),
      },
      stdout: 'ignore',
      stderr: 'inherit',
    });
    await child.exited;
    return { exitCode: child.exitCode, signal: child.signalCode };
  }

  it.concurrent.for(cases)(
    '$path, killed at $crashAt: settles with every effect once, or none left',
    { timeout: 60_000 },
    async ({ path, crashAt }, { expect }) => {
      const input: CheckoutInput = { declineCard: path === 'payment declined' };
      // A kind per case: the cases run concurrently, and each one's processes must sweep only its own run.
      const kind = `checkout ${path} ${crashAt}`;
      const checkout = createCheckoutWorkflow(
        { stockUrl: stock.url, slotUrl: slot.url, paymentUrl: payment.url },
        kind,
      );
      // This engine only starts the run; the child processes drive it.
      const engine = createWorkflowEngine({
        db: h.db,
        runs: workflowRuns,
        workflows: [checkout],
        logger: h.logger,
        metrics: h.metrics,
        leaseMs: LEASE_MS,
      });
      const runId = await h.db.transaction(async (tx) => {
        const id = crypto.randomUUID();
        await tx.insert(orders).values({ id, status: 'placed' });
        return engine.start(tx, checkout, input, { id });
      });

      const crashed = await runProcess(kind, runId, 'drive', crashAt);
      // The point is on this path: the driver really died there.
      expect(crashed).toEqual({ exitCode: null, signal: 'SIGKILL' });
      const resumed = await runProcess(kind, runId, 'sweep');
      expect(resumed.exitCode).toBe(0);

      const [run] = await h.db.select().from(workflowRuns).where(eq(workflowRuns.id, runId));
      const [order] = await h.db.select().from(orders).where(eq(orders.id, runId));
      const events = (await h.db.select().from(outbox)).filter((row) => row.envelope.aggregateId === runId);
      if (path === 'completes') {
        expect(run?.state).toBe('completed');
        expect(order?.status).toBe('confirmed');
        for (const standIn of [stock, slot, payment]) {
          expect(standIn.applied(runId)).toBe(1);
          expect(standIn.undone(runId)).toBe(0);
        }
      } else {
        expect(run?.state).toBe('compensated');
        expect(order?.status).toBe('cancelled');
        for (const standIn of [stock, slot]) {
          expect(standIn.applied(runId)).toBe(1);
          expect(standIn.undone(runId)).toBe(1);
        }
        expect(payment.applied(runId)).toBe(0);
      }
      // One settlement event, committed with the settled state: never none, never two.
      expect(events.map((row) => row.envelope.data)).toEqual([{ runId, state: run?.state }]);
    },
  );
});
