import { publishEvent } from '@fruitables/bus';
import { createServiceTestbed, type ServiceTestbed } from '@fruitables/bus/testing';
import type { Executor } from '@fruitables/db';
import { eq } from 'drizzle-orm';
import pino, { type Logger } from 'pino';
import { Registry } from 'prom-client';
import { createWorkflowMetrics, type WorkflowMetrics } from '../metrics.ts';
import { fixtureProducer, workflowFixtureCatalogue } from './fixture-catalogue.ts';
import * as fixtureSchema from './fixture-schema.ts';

export type FixtureTables = typeof fixtureSchema;
export type FixtureExecutor = Executor<FixtureTables>;

/** One test file's database (as the fixture's own role), logger and metrics. */
export interface WorkflowHarness {
  testbed: ServiceTestbed<FixtureTables>;
  db: ServiceTestbed<FixtureTables>['db'];
  logger: Logger;
  registry: Registry;
  metrics: WorkflowMetrics;
  close(): Promise<void>;
}

export async function createWorkflowHarness(label: string): Promise<WorkflowHarness> {
  const testbed = await createServiceTestbed({ label, context: 'workflow_fixture', tables: fixtureSchema });
  const registry = new Registry();
  return {
    testbed,
    db: testbed.db,
    // Silent by default; flip to 'debug' when a test needs explaining.
    logger: pino({ level: 'silent' }),
    registry,
    metrics: createWorkflowMetrics(registry),
    close: testbed.close,
  };
}

/**
 * How the fixture settles an order, as a service would: its own row and an outbox event in
 * the transaction that settles the run.
 */
export async function settleOrder(
  tx: FixtureExecutor,
  runId: string,
  state: 'completed' | 'compensated' | 'failed',
): Promise<void> {
  const status = state === 'completed' ? 'confirmed' : state === 'compensated' ? 'cancelled' : 'stuck';
  await tx.update(fixtureSchema.orders).set({ status }).where(eq(fixtureSchema.orders.id, runId));
  await publishEvent(
    tx,
    fixtureSchema.outbox,
    workflowFixtureCatalogue,
    { type: 'FixtureCheckoutSettled', aggregateId: runId, data: { runId, state } },
    fixtureProducer,
  );
}

export { waitFor } from '@fruitables/core/testing';
