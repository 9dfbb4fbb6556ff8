import type { Clock } from '@fruitables/core';
import type { Executor } from '@fruitables/db';
import type { ServiceClient } from '@fruitables/kit/client';
import type { ordersTables } from '@fruitables/schema-orders';
import type { WorkflowEngine } from '@fruitables/workflow';
import type { Logger } from 'pino';

export type OrdersTables = typeof ordersTables;
export type OrdersDb = Executor<OrdersTables>;

/** The rules of the purchase journey that vary by deployment (env, see env.ts). */
export interface OrdersPolicy {
  /** How long a placed order may be paid for: its `expiresAt`. */
  paymentWindowSeconds: number;
  /**
   * Extra life of catalog's hold and logistics' booking past the order's `expiresAt`, so a
   * payment confirmed in the last second still finds its stock and date held when
   * PaymentCompleted reaches us.
   */
  holdMarginSeconds: number;
  /** 구매확정 happens by itself this many days after delivery. */
  autoCompleteDays: number;
  /** A crop-failure line with the `wait` policy waits this many days for the next lot, then is refunded. */
  waitDays: number;
  /** How long a checkout request waits for its workflow before answering 202 (the order keeps going). */
  checkoutWaitMs: number;
  /** Signs and checks gift recipients' address links (ORDERS_GIFT_LINK_SECRET). */
  giftLinkSecret: string;
}

/** The services orders calls, each through its contract operations. */
export interface Remotes {
  catalog: ServiceClient;
  logistics: ServiceClient;
  payments: ServiceClient;
}

/** What the workflows are built from: the remotes and the rules, not the engine that runs them. */
export interface WorkflowContext {
  clock: Clock;
  logger: Logger;
  policy: OrdersPolicy;
  remotes: Remotes;
}

/**
 * Everything the orders domain works with, built once by `createOrdersDomain`. Functions take
 * the slice they use; `db` may be the pool or an open transaction.
 */
export interface DomainContext extends WorkflowContext {
  db: OrdersDb;
  engine: WorkflowEngine<OrdersTables>;
}
