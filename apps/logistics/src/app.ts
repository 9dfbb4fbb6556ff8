import type { RedisClient } from '@fruitables/bus';
import type { Clock } from '@fruitables/core';
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
import { LOGISTICS_AUDIENCE, logisticsServiceScopes } from './contract/promise.ts';
import type { DeliveryPolicy, DomainContext, LogisticsDb } from './domain/context.ts';
import type { LogisticsApp } from './routes/deps.ts';
import { registerRoutes } from './routes/index.ts';
import { tokenFromQuery } from './routes/token-from-query.ts';
import type { LiveFeed } from './tracking/live-feed.ts';

export interface LogisticsDeps {
  db: LogisticsDb;
  redis: RedisClient;
  clock: Clock;
  logger: Logger;
  registry: Registry;
  lifecycle: Lifecycle;
  /** identity's public keys (a JWKS source in production, a test signer's keys in tests). */
  keys: KeySource;
  issuer: string;
  audience: string;
  policy: DeliveryPolicy;
  /** Which shipments changed, for the live-tracking streams (one query per interval per replica). */
  liveFeed: LiveFeed;
  /** How often a quiet tracking stream sends a heartbeat comment (15 s; tests shorten it). */
  streamHeartbeatMs?: number;
  /** The shop's public origin (LOGISTICS_SHOP_URL), for the labels' QR codes. */
  shopUrl: string;
  /** What `/readyz` checks: PostgreSQL, Redis, the relay and the orders consumer (the runner's list). */
  readiness: readonly ReadinessCheck[];
  bodyLimitBytes: number;
  requestTimeoutMs: number;
}

/**
 * The logistics service as a Hono app: the public delivery promise, the internal bookings
 * orders makes at checkout, and (later slices) farmers' packing, labels and shipping, and the
 * shopper's tracking. `main.ts` serves it; tests call `app.request()` on the same app.
 */
export function createApp(deps: LogisticsDeps): LogisticsApp {
  const app = createServiceApp({
    name: 'logistics',
    version: '1.0.0',
    description:
      'The delivery promise (areas by 우편번호, farms’ dispatch days and cut-offs, Korean holidays, dawn-run capacity), delivery-date bookings for checkout, shipments, labels and courier tracking.',
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
    description: "An access token from identity: a shopper's, farmer's or admin's.",
  });
  // Before any route: every /internal route needs a service token minted for logistics with
  // the scope the route declares, or nobody gets in.
  guardInternalRoutes(app, {
    authenticate: authenticate({
      keys: deps.keys,
      redis: deps.redis,
      issuer: deps.issuer,
      // People's tokens are accepted here only to be refused with a clear 403, not a 401.
      audience: [deps.audience, LOGISTICS_AUDIENCE],
      clock: deps.clock,
    }),
    audience: LOGISTICS_AUDIENCE,
    scopes: logisticsServiceScopes,
  });
  const ctx: DomainContext = { db: deps.db, clock: deps.clock, logger: deps.logger, policy: deps.policy };
  const signedIn = authenticate({
    keys: deps.keys,
    redis: deps.redis,
    issuer: deps.issuer,
    audience: deps.audience,
    clock: deps.clock,
  });
  registerRoutes(app, {
    ctx,
    signedIn,
    farmAccess: [signedIn, requireFarmAccess((c) => c.req.param('farmId'))],
    adminOnly: [signedIn, requireRole('admin')],
    shopperOrAdmin: [signedIn, requireRole('shopper', 'admin')],
    tokenFromQuery,
    liveFeed: deps.liveFeed,
    streamHeartbeatMs: deps.streamHeartbeatMs ?? 15_000,
    shopUrl: deps.shopUrl,
  });
  return app;
}
