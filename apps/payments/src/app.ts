import type { RedisClient } from '@fruitables/bus';
import type { Clock } from '@fruitables/core';
import type { FieldCipher } from '@fruitables/core/field-cipher';
import {
  authenticate,
  createServiceApp,
  guardInternalRoutes,
  type KeySource,
  type Lifecycle,
  type Logger,
  type ReadinessCheck,
  requireFarmAccess,
  requireRole,
} from '@fruitables/kit';
import type { Registry } from 'prom-client';
import { PAYMENTS_AUDIENCE, paymentsServiceScopes } from './contract/internal-refunds.ts';
import type { CheckoutSettings, DomainContext, PaymentsDb, ReconcilePolicy } from './domain/context.ts';
import type { FarmAccounts, PayoutTransfer } from './domain/farm-accounts.ts';
import type { LedgerPolicy } from './domain/ledger-entries.ts';
import type { OrdersGateway } from './domain/orders-gateway.ts';
import type { PaymentGateway } from './domain/pg.ts';
import type { PaymentsApp } from './routes/deps.ts';
import { registerRoutes } from './routes/index.ts';
import type { WebhookJobs } from './webhooks/webhook-jobs.ts';

export interface PaymentsDeps {
  db: PaymentsDb;
  redis: RedisClient;
  clock: Clock;
  logger: Logger;
  registry: Registry;
  lifecycle: Lifecycle;
  /** identity's public keys (a JWKS source in production, a test signer's keys in tests). */
  keys: KeySource;
  issuer: string;
  audience: string;
  /** The PG: real Toss or the stand-in, the same adapter either way. */
  pg: PaymentGateway;
  /** orders' getPayableOrder over the service client (a stand-in server in tests). */
  orders: OrdersGateway;
  checkout: CheckoutSettings;
  reconcile: ReconcilePolicy;
  ledger: LedgerPolicy;
  /** Seals the shoppers' refund account numbers. */
  cipher: FieldCipher;
  /** identity's getPayoutAccount (a stand-in server in tests). */
  farmAccounts: FarmAccounts;
  payoutTransfer: PayoutTransfer;
  /** Webhooks processed after their 200; the runner drains them at shutdown. */
  webhookJobs: WebhookJobs;
  readiness: readonly ReadinessCheck[];
  bodyLimitBytes: number;
  requestTimeoutMs: number;
}

/**
 * The payments service as a Hono app: checkout sessions and confirms for shoppers, Toss's
 * webhooks, and the internal refund API orders calls. `main.ts` serves it; tests call
 * `app.request()` on the same app.
 */
export function createApp(deps: PaymentsDeps): PaymentsApp {
  const app = createServiceApp({
    name: 'payments',
    version: '1.0.0',
    description:
      'Payments against Toss Payments (or its local stand-in): confirm with the amount orders holds, refunds that never exceed what was paid, webhooks re-checked with the PG.',
    logger: deps.logger,
    registry: deps.registry,
    lifecycle: deps.lifecycle,
    readiness: deps.readiness,
    bodyLimitBytes: deps.bodyLimitBytes,
    requestTimeoutMs: deps.requestTimeoutMs,
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "An access token from identity: a shopper's, a farmer's or an admin's.",
  });
  // Before any route: every /internal route needs a service token minted for payments with the
  // scope the route declares, or nobody gets in.
  guardInternalRoutes(app, {
    authenticate: authenticate({
      keys: deps.keys,
      redis: deps.redis,
      issuer: deps.issuer,
      // People's tokens are accepted here only to be refused with a clear 403, not a 401.
      audience: [deps.audience, PAYMENTS_AUDIENCE],
      clock: deps.clock,
    }),
    audience: PAYMENTS_AUDIENCE,
    scopes: paymentsServiceScopes,
  });
  const ctx: DomainContext = {
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    pg: deps.pg,
    orders: deps.orders,
    checkout: deps.checkout,
    reconcile: deps.reconcile,
    ledger: deps.ledger,
    cipher: deps.cipher,
    farmAccounts: deps.farmAccounts,
    payoutTransfer: deps.payoutTransfer,
  };
  const signedIn = authenticate({
    keys: deps.keys,
    redis: deps.redis,
    issuer: deps.issuer,
    audience: deps.audience,
    clock: deps.clock,
  });
  registerRoutes(app, {
    ctx,
    shopperOnly: [signedIn, requireRole('shopper')],
    farmAccess: [signedIn, requireFarmAccess((c) => c.req.param('farmId'))],
    adminOnly: [signedIn, requireRole('admin')],
    webhookJobs: deps.webhookJobs,
  });
  return app;
}
