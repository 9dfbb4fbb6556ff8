import {
  type CatalogHarness,
  createHarness as createCatalogHarness,
  ordersServiceToken,
} from '@fruitables/catalog/testing';
import { postgresReadiness } from '@fruitables/db';
import { redisReadiness } from '@fruitables/kit';
import { createServiceClient } from '@fruitables/kit/client';
import {
  createServiceHarness,
  type ServiceHarness,
  type StandInServer,
  startStandInServer,
  type TestResponse,
} from '@fruitables/kit/testing';
import { ordersTables } from '@fruitables/schema-orders';
import { createWorkflowMetrics } from '@fruitables/workflow';
import { createApp } from '../app.ts';
import { ORDERS_AUDIENCE, PAYMENTS_SCOPE } from '../contract/internal-payments.ts';
import { createOrdersDomain, type OrdersDomain } from '../domain/build.ts';
import type { OrdersPolicy } from '../domain/context.ts';
import type { OrdersApp } from '../routes/deps.ts';
import { type LogisticsStandIn, startLogisticsStandIn } from './logistics-stand-in.ts';
import { type PaymentsStandIn, startPaymentsStandIn } from './payments-stand-in.ts';

export { createTestClock, type TestClock } from '@fruitables/core/testing';

export const TEST_POLICY: OrdersPolicy = {
  paymentWindowSeconds: 900,
  holdMarginSeconds: 300,
  autoCompleteDays: 7,
  waitDays: 3,
  checkoutWaitMs: 10_000,
  giftLinkSecret: 'test-gift-link-secret-of-at-least-32-chars',
};

/** What orders adds to the kit harness: its app and domain, and the services it calls, each a real HTTP server. */
interface OrdersParts {
  app: OrdersApp;
  domain: OrdersDomain;
  /** The REAL catalog app (built by catalog's own harness, its own database), served on a free port. */
  catalog: CatalogHarness;
  catalogServer: StandInServer;
  /** Stand-ins honouring logistics' and payments' contracts (see their files). */
  logistics: LogisticsStandIn;
  payments: PaymentsStandIn;
}

export type OrdersHarness = ServiceHarness<typeof ordersTables, OrdersParts>;

export interface HarnessOptions {
  poolMax?: number;
  policy?: Partial<OrdersPolicy>;
  /** Boxes per farm and date the logistics stand-in takes. */
  capacity?: number;
  catalogPoolMax?: number;
}

/** A token provider minting the service token as identity would, once, for a test's whole life. */
function cachedToken(mint: () => Promise<string>) {
  let token: Promise<string> | undefined;
  return {
    getToken: () => {
      token ??= mint();
      return token;
    },
    invalidate: () => {
      token = undefined;
    },
  };
}

export async function createHarness(label: string, options: HarnessOptions = {}): Promise<OrdersHarness> {
  const catalog = await createCatalogHarness(`orders-${label}`, {
    ...(options.catalogPoolMax === undefined ? {} : { poolMax: options.catalogPoolMax }),
  });
  const catalogServer = startStandInServer(catalog.app);
  const logistics = startLogisticsStandIn(options.capacity === undefined ? {} : { capacity: options.capacity });
  const payments = startPaymentsStandIn();
  try {
    return await createServiceHarness({
      label,
      service: 'orders',
      tables: ordersTables,
      ...(options.poolMax === undefined ? {} : { poolMax: options.poolMax }),
      build: ({ sql, db, redis, clock, logs, registry, lifecycle, signer }): OrdersParts => {
        const serviceToken = cachedToken(() => ordersServiceToken(catalog.signer));
        // The stand-ins take any bearer token; the real services' guards are tested in their own suites.
        const standInToken = cachedToken(async () => 'stand-in-service-token');
        const client = (callee: string, baseUrl: string, tokens: typeof serviceToken) =>
          createServiceClient({ callee, baseUrl, tokens, timeoutMs: 10_000, logger: logs.logger });
        const domain = createOrdersDomain({
          db,
          clock,
          logger: logs.logger,
          policy: { ...TEST_POLICY, ...options.policy },
          remotes: {
            catalog: client('catalog', catalogServer.url, serviceToken),
            logistics: client('logistics', logistics.url, standInToken),
            payments: client('payments', payments.url, standInToken),
          },
          workflowMetrics: createWorkflowMetrics(registry),
        });
        const app = createApp({
          domain,
          redis,
          clock,
          logger: logs.logger,
          registry,
          lifecycle,
          keys: signer.keys,
          readiness: [postgresReadiness(sql), redisReadiness(redis)],
          issuer: 'fruitables-identity',
          audience: 'fruitables',
          bodyLimitBytes: 256 * 1024,
          requestTimeoutMs: 30_000,
        });
        return { app, domain, catalog, catalogServer, logistics, payments };
      },
      async beforeClose() {
        await Promise.all([catalogServer.stop(), logistics.stop(), payments.stop()]);
        await catalog.close();
      },
    });
  } catch (error) {
    await Promise.all([catalogServer.stop(), logistics.stop(), payments.stop()]);
    await catalog.close();
    throw error;
  }
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Shorthand for `h.client.request(method, path, { json, token, headers })`. */
export function call(h: OrdersHarness, method: string, path: string, options: CallOptions = {}): Promise<TestResponse> {
  return h.client.request(method, path, {
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.body === undefined ? {} : { json: options.body }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
}

/** A shopper who proved their email (checkout needs it). */
export const verifiedShopper = (h: OrdersHarness, sub: string = crypto.randomUUID()) =>
  h.signer.shopper({ sub, emailVerified: true });

/** What payments calls getPayableOrder with. */
export const paymentsServiceToken = (h: OrdersHarness) =>
  h.signer.service('payments', { aud: ORDERS_AUDIENCE, scope: PAYMENTS_SCOPE });
