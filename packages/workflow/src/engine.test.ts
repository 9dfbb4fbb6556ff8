import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineWorkflow, type RetryPolicy } from './definition.ts';
import { createWorkflowEngine, type WorkflowEngine } from './engine.ts';
import { StepRefused } from './errors.ts';
import { orders, outbox, workflowRuns } from './testing/fixture-schema.ts';
import {
  createWorkflowHarness,
  type FixtureTables,
  settleOrder,
  type WorkflowHarness,
  waitFor,
} from './testing/harness.ts';

interface Input {
  /** Which step refuses, throws transiently once, or hangs, if any. */
  refuse?: string;
  flakyOnce?: string;
  hang?: string;
}
type Results = { hold: { holdId: string }; slot: { slotId: string }; pay: { paymentId: string } };

const once: RetryPolicy = { maxAttempts: 1, backoff: () => 0 };
const quickRetry: RetryPolicy = { maxAttempts: 3, backoff: () => 50 };

/**
 * An in-process three-step workflow whose steps write down every call (with its key) and
 * every undo, so a test can tell a redone step from a resumed one.
 */
function recordingWorkflow(kind: string) {
  const calls: string[] = [];
  const undos: string[] = [];
  const keys = new Map<string, number>();
  const flaked = new Set<string>();
  const step = <K extends keyof Results>(name: K, result: (key: string) => Results[K]) => ({
    name,
    timeoutMs: 300,
    retry: quickRetry,
    compensationRetry: quickRetry,
    async run(ctx: { idempotencyKey: string; signal: AbortSignal }, input: Input) {
      calls.push(name);
      keys.set(ctx.idempotencyKey, (keys.get(ctx.idempotencyKey) ?? 0) + 1);
      if (input.refuse === name) throw new StepRefused('declined', `${name} said no`);
      if (input.flakyOnce === name && !flaked.has(ctx.idempotencyKey)) {
        flaked.add(ctx.idempotencyKey);
        throw new Error('connection reset');
      }
      if (input.hang === name)
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
      return result(ctx.idempotencyKey);
    },
    async compensate(
      ctx: { idempotencyKey: string; stepKey: string },
      _input: Input,
      previous: Results[K] | undefined,
    ) {
      expect(ctx.idempotencyKey).toBe(`${ctx.stepKey}:undo`);
      undos.push(`${name}:${previous === undefined ? 'unknown' : 'known'}`);
    },
  });
  const workflow = defineWorkflow<Input, Results, FixtureTables>({
    kind,
    steps: [
      step('hold', (key) => ({ holdId: `h-${key}` })),
      step('slot', (key) => ({ slotId: `s-${key}` })),
      step('pay', (key) => ({ paymentId: `p-${key}` })),
    ],
    onCompleted: (tx, run) => settleOrder(tx, run.runId, 'completed'),
    onCompensated: (tx, run) => settleOrder(tx, run.runId, 'compensated'),
    onFailed: (tx, run) => settleOrder(tx, run.runId, 'failed'),
  });
  return { workflow, calls, undos, keys };
}

describe('a workflow run', () => {
  let h: WorkflowHarness;

  beforeAll(async () => {
    h = await createWorkflowHarness('workflow engine');
  });
  afterAll(async () => {
    await h.close();
  });

  function engineFor(
    workflow: ReturnType<typeof recordingWorkflow>['workflow'],
    extra: Partial<Parameters<typeof createWorkflowEngine<FixtureTables>>[0]> = {},
  ): WorkflowEngine<FixtureTables> {
    return createWorkflowEngine<FixtureTables>({
      db: h.db,
      runs: workflowRuns,
      workflows: [workflow],
      logger: h.logger,
      metrics: h.metrics,
      leaseMs: 1_000,
      ...extra,
    });
  }

  async function place(
    engine: WorkflowEngine<FixtureTables>,
    workflow: ReturnType<typeof recordingWorkflow>['workflow'],
    input: Input,
  ) {
    return h.db.transaction(async (tx) => {
      const id = crypto.randomUUID();
      await tx.insert(orders).values({ id, status: 'placed' });
      return engine.start(tx, workflow, input, { id });
    });
  }

  const runOf = async (id: string) => {
    const [run] = await h.db.select().from(workflowRuns).where(eq(workflowRuns.id, id));
    if (!run) throw new Error(`run ${id} not found`);
    return run;
  };
  const orderOf = async (id: string) => (await h.db.select().from(orders).where(eq(orders.id, id)))[0]?.status;
  const eventsFor = async (id: string) =>
    (await h.db.select().from(outbox)).filter((row) => row.envelope.aggregateId === id).map((row) => row.envelope.data);

  it('completes: runs every step once with its own key, and settles the order and its event in one commit', async () => {
    const { workflow, calls, keys } = recordingWorkflow('complete');
    const engine = engineFor(workflow);
    const id = await place(engine, workflow, {});
    const run = await engine.runNow(id);

    expect(run?.state).toBe('completed');
    expect(calls).toEqual(['hold', 'slot', 'pay']);
    expect([...keys.entries()]).toEqual([
      [`${id}:hold`, 1],
      [`${id}:slot`, 1],
      [`${id}:pay`, 1],
    ]);
    const stored = await runOf(id);
    expect(stored.results).toEqual({
      hold: { holdId: `h-${id}:hold` },
      slot: { slotId: `s-${id}:slot` },
      pay: { paymentId: `p-${id}:pay` },
    });
    expect(stored.leaseOwner).toBeNull();
    expect(await orderOf(id)).toBe('confirmed');
    expect(await eventsFor(id)).toEqual([{ runId: id, state: 'completed' }]);
  });

  it('does not exist when the transaction that started it rolls back', async () => {
    const { workflow } = recordingWorkflow('rolled-back');
    const engine = engineFor(workflow);
    const id = crypto.randomUUID();
    await expect(
      h.db.transaction(async (tx) => {
        await tx.insert(orders).values({ id, status: 'placed' });
        await engine.start(tx, workflow, {}, { id });
        throw new Error('checkout failed after the run was recorded');
      }),
    ).rejects.toThrow('checkout failed');
    expect(await h.db.select().from(workflowRuns).where(eq(workflowRuns.id, id))).toEqual([]);
    expect(await engine.sweepOnce()).toBe(0);
  });

  it('compensates the earlier steps in reverse order when a step refuses, and leaves the refused one alone', async () => {
    const { workflow, calls, undos } = recordingWorkflow('refused');
    const engine = engineFor(workflow);
    const id = await place(engine, workflow, { refuse: 'pay' });
    const run = await engine.runNow(id);

    expect(run?.state).toBe('compensated');
    expect(run?.error).toBe('declined: pay said no');
    // A refusal is definitive: no retry of the refused step.
    expect(calls).toEqual(['hold', 'slot', 'pay']);
    expect(undos).toEqual(['slot:known', 'hold:known']);
    expect(await orderOf(id)).toBe('cancelled');
    expect(await eventsFor(id)).toEqual([{ runId: id, state: 'compensated' }]);
  });

  it('settles as compensated at once when the first step refuses (nothing to undo)', async () => {
    const { workflow, undos } = recordingWorkflow('refused-first');
    const engine = engineFor(workflow);
    const id = await place(engine, workflow, { refuse: 'hold' });
    expect((await engine.runNow(id))?.state).toBe('compensated');
    expect(undos).toEqual([]);
  });

  it('compensates when a step times out, undoing the timed-out step too since its outcome is unknown', async () => {
    const { workflow, undos } = recordingWorkflow('timeout');
    const hanging = {
      ...workflow,
      steps: workflow.steps.map((step) => (step.name === 'slot' ? { ...step, retry: once } : step)),
    };
    const engine = engineFor(hanging);
    const id = await place(engine, hanging, { hang: 'slot' });
    const started = performance.now();
    const run = await engine.runNow(id);

    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(run?.state).toBe('compensated');
    expect(run?.error).toContain('did not finish within 300 ms');
    expect(undos).toEqual(['slot:unknown', 'hold:known']);
  });

  it('retries a transient failure later with the same key, after handing the run back', async () => {
    const { workflow, calls, keys } = recordingWorkflow('flaky');
    const engine = engineFor(workflow);
    const id = await place(engine, workflow, { flakyOnce: 'slot' });
    const released = await engine.runNow(id);

    expect(released).toMatchObject({ state: 'running', step: 1, attempts: 1, leaseOwner: null });
    expect(released?.lastError).toContain('connection reset');
    // Not due yet: the backoff (50 ms) keeps it from being claimed straight away.
    expect(await engine.runNow(id)).toBeUndefined();
    await Bun.sleep(80);
    expect((await engine.runNow(id))?.state).toBe('completed');
    expect(calls).toEqual(['hold', 'slot', 'slot', 'pay']);
    expect(keys.get(`${id}:slot`)).toBe(2);
  });

  it('resumes a run whose driver died from its persisted step, without redoing completed steps', async () => {
    const { workflow, calls, keys } = recordingWorkflow('resume');
    // The first driver "dies" right after the slot call returned, before recording it.
    const dying = engineFor(workflow, {
      owner: 'dying',
      checkpoint: (point) => {
        if (point.step === 'slot' && point.at === 'after-call') throw new Error('process died');
      },
    });
    const id = await place(dying, workflow, {});
    await expect(dying.runNow(id)).rejects.toThrow('process died');
    expect(await runOf(id)).toMatchObject({ state: 'running', step: 1, leaseOwner: 'dying' });

    const survivor = engineFor(workflow, { owner: 'survivor' });
    // The lease is still the dead driver's: nobody may take the run yet.
    expect(await survivor.sweepOnce()).toBe(0);
    await Bun.sleep(1_100);
    expect(await survivor.sweepOnce()).toBe(1);

    expect(await runOf(id)).toMatchObject({ state: 'completed', leaseOwner: null });
    expect(calls).toEqual(['hold', 'slot', 'slot', 'pay']);
    // The slot step ran again with the same key: the remote side answers the first call's result.
    expect(keys.get(`${id}:hold`)).toBe(1);
    expect(keys.get(`${id}:slot`)).toBe(2);
  });

  it('gives up on a step that kills its driver every time, and compensates instead of looping', async () => {
    const { workflow, undos } = recordingWorkflow('poison');
    const poisoned = engineFor(workflow, {
      leaseMs: 850,
      checkpoint: (point) => {
        if (point.step === 'slot' && point.phase === 'run' && point.at === 'before-call')
          throw new Error('process died');
      },
    });
    const id = await place(poisoned, workflow, {});
    await expect(poisoned.runNow(id)).rejects.toThrow('process died');
    // quickRetry allows 3 attempts: the first death plus two more, then the run compensates.
    for (let death = 1; death < 3; death += 1) {
      await Bun.sleep(900);
      await poisoned.sweepOnce();
      expect(await runOf(id)).toMatchObject({ state: 'running', attempts: death });
    }
    await Bun.sleep(900);
    await poisoned.sweepOnce();
    expect(await runOf(id)).toMatchObject({ state: 'compensated' });
    expect(undos).toEqual(['slot:unknown', 'hold:known']);
  });

  it('fails the run and says so when a compensation keeps failing', async () => {
    const { workflow } = recordingWorkflow('undo-fails');
    const broken = {
      ...workflow,
      steps: workflow.steps.map((step) =>
        step.name === 'hold'
          ? {
              ...step,
              compensationRetry: { maxAttempts: 2, backoff: () => 0 },
              compensate: async () => {
                throw new Error('stock service down');
              },
            }
          : step,
      ),
    };
    const engine = engineFor(broken);
    const id = await place(engine, broken, { refuse: 'slot' });
    const released = await engine.runNow(id);
    expect(released).toMatchObject({ state: 'compensating', attempts: 1 });
    const failed = await engine.runNow(id);
    expect(failed).toMatchObject({ state: 'failed', lastError: 'Error: stock service down' });
    expect(await orderOf(id)).toBe('stuck');
    expect(await eventsFor(id)).toEqual([{ runId: id, state: 'failed' }]);
  });

  it('is driven by only one of two sweepers racing over the same runs', async () => {
    const { workflow, keys } = recordingWorkflow('race');
    const [first, second] = ['sweeper-a', 'sweeper-b'].map((owner) => engineFor(workflow, { owner }));
    if (!first || !second) throw new Error('two engines expected');
    const ids = await Promise.all(Array.from({ length: 30 }, () => place(first, workflow, {})));
    let claimedByA = 0;
    let claimedByB = 0;
    for (let round = 0; round < 20; round += 1) {
      const [a, b] = await Promise.all([first.sweepOnce(4), second.sweepOnce(4)]);
      claimedByA += a;
      claimedByB += b;
      if (a + b === 0) break;
    }
    // Both did work, and no run was claimed twice: 30 claims in all.
    expect(claimedByA).toBeGreaterThan(0);
    expect(claimedByB).toBeGreaterThan(0);
    expect(claimedByA + claimedByB).toBe(30);
    for (const id of ids) {
      expect((await runOf(id)).state).toBe('completed');
      for (const step of ['hold', 'slot', 'pay']) expect(keys.get(`${id}:${step}`)).toBe(1);
    }
  });

  it('is found and finished by the background sweeper, which stops cleanly', async () => {
    const { workflow, calls } = recordingWorkflow('background');
    const engine = engineFor(workflow);
    const id = await place(engine, workflow, {});
    const sweeper = engine.startSweeper({ intervalMs: 50 });
    try {
      await waitFor('the sweeper to complete the run', async () => (await runOf(id)).state === 'completed');
    } finally {
      await sweeper.stop();
    }
    expect(calls).toEqual(['hold', 'slot', 'pay']);
    // The last sweep counted no live run of this kind.
    expect(await h.registry.metrics()).not.toMatch(/workflow_runs_live\{kind="background"/);
  });

  it('counts runs by outcome and step durations in the registry it was given', async () => {
    await createWorkflowEngine<FixtureTables>({
      db: h.db,
      runs: workflowRuns,
      workflows: [recordingWorkflow('metrics-only').workflow],
      logger: h.logger,
      metrics: h.metrics,
      leaseMs: 1_000,
    }).refreshGauges();
    const text = await h.registry.metrics();
    expect(text).toMatch(/workflow_runs_settled_total\{kind="complete",state="completed"\} 1/);
    expect(text).toMatch(/workflow_runs_settled_total\{kind="refused",state="compensated"\} 1/);
    expect(text).toMatch(
      /workflow_step_duration_seconds_count\{kind="timeout",step="slot",phase="run",outcome="timed_out"\} 1/,
    );
    expect(text).toMatch(/workflow_runs_resumed_total\{kind="resume"\} 1/);
  });

  it('refuses a step timeout that does not fit in the lease', () => {
    const { workflow } = recordingWorkflow('too-slow');
    expect(() => engineFor(workflow, { leaseMs: 600 })).toThrow('leaves no room');
  });
});
