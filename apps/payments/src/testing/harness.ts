import { newId } from '@fruitables/core';
import { createFieldCipher } from '@fruitables/core/field-cipher';
import { postgresReadiness } from '@fruitables/db';
import { IDENTITY_AUDIENCE, PAYOUT_ACCOUNTS_SCOPE } from '@fruitables/identity/contract';
import { redisReadiness } from '@fruitables/kit';
import { createServiceClient } from '@fruitables/kit/client';
import { createServiceHarness, type ServiceHarness, type TestResponse, type TestSigner } from '@fruitables/kit/testing';
import { ORDERS_AUDIENCE, PAYMENTS_SCOPE, type PayableOrder } from '@fruitables/orders/contract';
import { paymentsTables } from '@fruitables/schema-payments';
import { createApp } from '../app.ts';
import { PAYMENTS_AUDIENCE, REFUNDS_SCOPE } from '../contract/internal-refunds.ts';
import type { DomainContext, ReconcilePolicy } from '../domain/context.ts';
import type { PayoutTransfer } from '../domain/farm-accounts.ts';
import { createFarmAccounts } from '../identity-client/farm-accounts.ts';
import { createOrdersGateway } from '../orders-client/orders-gateway.ts';
import type { PaymentsApp } from '../routes/deps.ts';
import { createTossGateway } from '../toss/toss-gateway.ts';
import { startTossStandIn, type TossStandIn } from '../toss-stand-in/server.ts';
import { createWebhookJobs, type WebhookJobs } from '../webhooks/webhook-jobs.ts';
import { type IdentityStandIn, startIdentityStandIn } from './identity-stand-in.ts';
import { type OrdersStandIn, startOrdersStandIn } from './orders-stand-in.ts';

export { createTestClock, type TestClock } from '@fruitables/core/testing';

/** What payments adds to the kit harness: its app, its domain context, and the two servers it talks to. */
interface PaymentsParts {
  app: PaymentsApp;
  ctx: DomainContext;
  /** The Toss stand-in (a real HTTP server), with its faults and books. */
  toss: TossStandIn;
  /** orders' getPayableOrder, served by a stand-in honouring the contract. */
  orders: OrdersStandIn;
  /** identity's getPayoutAccount, served by a stand-in honouring the contract. */
  identity: IdentityStandIn;
  webhookJobs: WebhookJobs;
}

export type PaymentsHarness = ServiceHarness<typeof paymentsTables, PaymentsParts>;

export interface HarnessOptions {
  poolMax?: number;
  pgTimeoutMs?: number;
  reconcile?: Partial<ReconcilePolicy>;
  payoutTransfer?: PayoutTransfer;
}

/** The shop's origin in tests: checkout sessions return only here. */
export const TEST_SHOP_ORIGIN = 'http://shop.test';

export const TEST_LEDGER = { commissionBps: 1_000, pgFeeBps: 250 };

export const TEST_RECONCILE: ReconcilePolicy = { inFlightGraceMs: 30_000, abandonAfterMs: 600_000 };

export function createHarness(label: string, options: HarnessOptions = {}): Promise<PaymentsHarness> {
  return createServiceHarness({
    label,
    service: 'payments',
    tables: paymentsTables,
    ...(options.poolMax === undefined ? {} : { poolMax: options.poolMax }),
    build: ({ sql, db, redis, clock, logs, registry, lifecycle, signer }): PaymentsParts => {
      const toss = startTossStandIn({ webhookMinuteMs: 5 });
      const orders = startOrdersStandIn();
      const identity = startIdentityStandIn();
      const farmAccounts = createFarmAccounts(
        createServiceClient({
          callee: 'identity',
          baseUrl: identity.url,
          tokens: {
            getToken: () => signer.service('payments', { aud: IDENTITY_AUDIENCE, scope: PAYOUT_ACCOUNTS_SCOPE }),
            invalidate: () => undefined,
          },
        }),
      );
      const pg = createTossGateway({
        apiUrl: toss.url,
        secretKey: toss.secretKey,
        timeoutMs: options.pgTimeoutMs ?? 2_000,
      });
      const ordersGateway = createOrdersGateway(
        createServiceClient({
          callee: 'orders',
          baseUrl: orders.url,
          tokens: {
            getToken: () => signer.service('payments', { aud: ORDERS_AUDIENCE, scope: PAYMENTS_SCOPE }),
            invalidate: () => undefined,
          },
        }),
      );
      const reconcile = { ...TEST_RECONCILE, ...options.reconcile };
      const checkout = {
        provider: 'stand-in' as const,
        clientKey: toss.clientKey,
        paymentPageUrl: `${toss.url}/payment-page`,
        shopOrigin: TEST_SHOP_ORIGIN,
      };
      const cipher = createFieldCipher({
        keys: new Map([['t1', crypto.getRandomValues(new Uint8Array(32))]]),
        activeKeyId: 't1',
      });
      const ctx: DomainContext = {
        cipher,
        farmAccounts,
        payoutTransfer: options.payoutTransfer ?? 'payout_api',
        db,
        clock,
        logger: logs.logger,
        pg,
        orders: ordersGateway,
        checkout,
        reconcile,
        ledger: TEST_LEDGER,
      };
      const webhookJobs = createWebhookJobs(ctx, logs.logger);
      const app = createApp({
        db,
        redis,
        clock,
        logger: logs.logger,
        registry,
        lifecycle,
        keys: signer.keys,
        readiness: [postgresReadiness(sql), redisReadiness(redis)],
        issuer: 'fruitables-identity',
        audience: 'fruitables',
        pg,
        orders: ordersGateway,
        checkout,
        reconcile,
        ledger: TEST_LEDGER,
        cipher,
        farmAccounts,
        payoutTransfer: ctx.payoutTransfer,
        webhookJobs,
        bodyLimitBytes: 64 * 1024,
        requestTimeoutMs: 30_000,
      });
      return { app, ctx, toss, orders, identity, webhookJobs };
    },
    async beforeClose({ toss, orders, identity, webhookJobs }) {
      await webhookJobs.drain();
      await toss.close();
      await orders.stop();
      await identity.stop();
    },
  });
}

/** An order awaiting payment at the orders stand-in, for a new shopper unless one is given. */
export function placeOrder(
  h: PaymentsHarness,
  overrides: Partial<PayableOrder> = {},
): PayableOrder & { shopperId: string } {
  return h.orders.place({
    orderId: newId(),
    orderNumber: `FT-20261207-${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`,
    shopperId: newId(),
    amount: 38_000,
    orderName: '성주 꿀참외 2kg 외 2건',
    status: 'awaiting_payment',
    expiresAt: new Date(h.clock.now().getTime() + 15 * 60_000).toISOString(),
    ...overrides,
  });
}

export const shopperToken = (h: PaymentsHarness, shopperId: string): Promise<string> =>
  h.signer.shopper({ sub: shopperId });

/** What orders calls the refund route with: a service token for payments with the refunds scope. */
export const ordersServiceToken = (signer: TestSigner): Promise<string> =>
  signer.service('orders', { aud: PAYMENTS_AUDIENCE, scope: REFUNDS_SCOPE });

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export function call(
  h: PaymentsHarness,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<TestResponse> {
  return h.client.request(method, path, {
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.body === undefined ? {} : { json: options.body }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
}

/** The shopper pays on the stand-in's page: a READY payment at the PG, as the success redirect carries it. */
export async function payAtPg(
  h: PaymentsHarness,
  order: PayableOrder,
  method: '카드' | '가상계좌' | '간편결제' = '카드',
  outcome: 'approve' | 'reject' = 'approve',
): Promise<string> {
  const payment = h.toss.ledger.create({
    orderId: order.orderId,
    orderName: order.orderName,
    amount: order.amount,
    customerKey: order.shopperId,
    method,
    outcome,
  });
  return payment.paymentKey;
}

/** Confirms as the order's shopper. */
export async function confirm(
  h: PaymentsHarness,
  order: PayableOrder,
  paymentKey: string,
  amount = order.amount,
): Promise<TestResponse> {
  return call(h, 'POST', '/v1/confirm', {
    token: await shopperToken(h, order.shopperId),
    body: { paymentKey, orderId: order.orderId, amount },
  });
}

/** The types of the events in payments' outbox for an order, in publish order. */
export async function outboxTypes(h: PaymentsHarness, orderId: string): Promise<string[]> {
  const rows = await h.owner<{ type: string }[]>`
    select envelope->>'type' as type from payments.outbox where envelope->>'aggregateId' = ${orderId} order by seq`;
  return rows.map((row) => row.type);
}
