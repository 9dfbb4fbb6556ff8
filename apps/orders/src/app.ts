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
import { ORDERS_AUDIENCE, ordersServiceScopes } from './contract/internal-payments.ts';
import type { OrdersDomain } from './domain/build.ts';
import type { OrdersApp } from './routes/deps.ts';
import { registerRoutes } from './routes/index.ts';

export interface OrdersDeps {
  /** The domain with its workflows and engine (`createOrdersDomain`), built by service.ts or the harness. */
  domain: OrdersDomain;
  redis: RedisClient;
  clock: Clock;
  logger: Logger;
  registry: Registry;
  lifecycle: Lifecycle;
  /** identity's public keys (a JWKS source in production, a test signer's keys in tests). */
  keys: KeySource;
  issuer: string;
  audience: string;
  readiness: readonly ReadinessCheck[];
  bodyLimitBytes: number;
  requestTimeoutMs: number;
}

/**
 * The orders service as a Hono app: the cart, checkout, the shopper's orders, the farmer's
 * fulfilments, the admin's search and refunds, and the payable-order read payments asks for.
 * `main.ts` serves it; tests call `app.request()` on the same app.
 */
export function createApp(deps: OrdersDeps): OrdersApp {
  const app = createServiceApp({
    name: 'orders',
    version: '1.0.0',
    description:
      'Carts, checkout (one crash-safe workflow over catalog and logistics), orders with a fulfilment per farm, cancels, crop-failure policies and refunds through payments.',
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
  // Before any route: every /internal route needs a service token minted for orders with the
  // scope the route declares.
  guardInternalRoutes(app, {
    authenticate: authenticate({
      keys: deps.keys,
      redis: deps.redis,
      issuer: deps.issuer,
      audience: [deps.audience, ORDERS_AUDIENCE],
      clock: deps.clock,
    }),
    audience: ORDERS_AUDIENCE,
    scopes: ordersServiceScopes,
  });
  const signedIn = authenticate({
    keys: deps.keys,
    redis: deps.redis,
    issuer: deps.issuer,
    audience: deps.audience,
    clock: deps.clock,
  });
  registerRoutes(app, {
    ctx: deps.domain,
    shopper: [signedIn, requireRole('shopper')],
    farmAccess: [signedIn, requireFarmAccess((c) => c.req.param('farmId'))],
    admin: [signedIn, requireRole('admin')],
  });
  return app;
}
