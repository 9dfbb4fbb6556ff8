import type { Clock } from '@fruitables/core';
import { workflowRuns } from '@fruitables/schema-orders';
import {
  createWorkflowEngine,
  type WorkflowEngine,
  type WorkflowMetrics,
  type WorkflowPoint,
} from '@fruitables/workflow';
import type { Logger } from 'pino';
import type { DomainContext, OrdersDb, OrdersPolicy, OrdersTables, Remotes } from './context.ts';
import { createBookWorkflow } from './workflows/book.ts';
import { createCheckoutWorkflow } from './workflows/checkout.ts';
import { createExtendWorkflow } from './workflows/extend.ts';
import type { FollowUps } from './workflows/follow-ups.ts';
import { createPayWorkflow } from './workflows/pay.ts';
import { createRefundWorkflow } from './workflows/refund.ts';
import { refusalCode } from './workflows/refusals.ts';
import { createReleaseWorkflow } from './workflows/release.ts';
import { createRestockWorkflow } from './workflows/restock.ts';
import { createSubstituteWorkflow } from './workflows/substitute.ts';

export interface OrdersDomainDeps {
  db: OrdersDb;
  clock: Clock;
  logger: Logger;
  policy: OrdersPolicy;
  remotes: Remotes;
  workflowMetrics: WorkflowMetrics;
  /** Names this process in workflow leases (tests give each engine its own). */
  owner?: string;
  /** Called at each point of a run (crash tests stop the driver there); nobody listens in production. */
  checkpoint?: (point: WorkflowPoint) => void;
}

export interface OrdersDomain extends DomainContext {
  followUps: FollowUps;
  workflows: {
    checkout: ReturnType<typeof createCheckoutWorkflow>;
    pay: ReturnType<typeof createPayWorkflow>;
    release: ReturnType<typeof createReleaseWorkflow>;
    refund: ReturnType<typeof createRefundWorkflow>;
    substitute: ReturnType<typeof createSubstituteWorkflow>;
    restock: ReturnType<typeof createRestockWorkflow>;
    extend: ReturnType<typeof createExtendWorkflow>;
    book: ReturnType<typeof createBookWorkflow>;
  };
}

/**
 * The domain with its workflows and the one engine that runs them. Follow-up workflows are
 * started from inside other workflows' settlement hooks and event handlers, so the engine they
 * need is resolved when they are started, after it exists.
 */
export function createOrdersDomain(deps: OrdersDomainDeps): OrdersDomain {
  const workflowContext = { clock: deps.clock, logger: deps.logger, policy: deps.policy, remotes: deps.remotes };
  let engine: WorkflowEngine<OrdersTables> | undefined;
  const engineNow = () => {
    if (!engine) throw new Error('the workflow engine is not built yet');
    return engine;
  };
  const followUps: FollowUps = {
    pay: (tx, input) => engineNow().start(tx, workflows.pay, input),
    release: (tx, input) => engineNow().start(tx, workflows.release, input),
    refund: (tx, input) => engineNow().start(tx, workflows.refund, input),
    substitute: (tx, input) => engineNow().start(tx, workflows.substitute, input),
    restock: (tx, input) => engineNow().start(tx, workflows.restock, input),
    extend: (tx, input) => engineNow().start(tx, workflows.extend, input),
    book: (tx, input) => engineNow().start(tx, workflows.book, input),
  };
  const workflows = {
    checkout: createCheckoutWorkflow(workflowContext),
    pay: createPayWorkflow(workflowContext, followUps),
    release: createReleaseWorkflow(workflowContext),
    refund: createRefundWorkflow(workflowContext),
    substitute: createSubstituteWorkflow(workflowContext, followUps),
    restock: createRestockWorkflow(workflowContext),
    extend: createExtendWorkflow(workflowContext, followUps),
    book: createBookWorkflow(workflowContext, followUps),
  };
  engine = createWorkflowEngine<OrdersTables>({
    db: deps.db,
    runs: workflowRuns,
    workflows: Object.values(workflows) as never,
    logger: deps.logger,
    metrics: deps.workflowMetrics,
    leaseMs: 30_000,
    // The callee's own refusals (sold out, date full) end a step at once, however they reach us.
    isRefusal: (error) => refusalCode(error) !== undefined,
    ...(deps.owner === undefined ? {} : { owner: deps.owner }),
    ...(deps.checkpoint === undefined ? {} : { checkpoint: deps.checkpoint }),
  });
  return { ...workflowContext, db: deps.db, engine, followUps, workflows };
}
