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
} from '@fruitables/kit';
import type { Registry } from 'prom-client';
import type { BatchJobs } from './batches/batch-job.ts';
import { batchUploadLimit } from './batches/limits.ts';
import { CATALOG_AUDIENCE, catalogServiceScopes } from './contract/internal-holds.ts';
import type { CatalogDb, DomainContext, StockPolicy } from './domain/context.ts';
import type { PhotoStore } from './photos/photo-store.ts';
import { createPhotoProcessor, PHOTO_POLICY } from './photos/process-photo.ts';
import type { CatalogApp } from './routes/deps.ts';
import { registerRoutes } from './routes/index.ts';
import { photoUploadLimit } from './routes/photos/upload-photo.ts';

export interface CatalogDeps {
  db: CatalogDb;
  redis: RedisClient;
  clock: Clock;
  logger: Logger;
  registry: Registry;
  lifecycle: Lifecycle;
  /** identity's public keys (a JWKS source in production, a test signer's keys in tests). */
  keys: KeySource;
  issuer: string;
  audience: string;
  stock: StockPolicy;
  /** What `/readyz` checks: PostgreSQL, Redis, the relay and the FarmerVerified consumer (the runner's list). */
  readiness: readonly ReadinessCheck[];
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  /** Harvest batch imports run in the background; main.ts waits for them at shutdown. */
  batchJobs: BatchJobs;
  /** Where photo variants are stored: a directory locally and in tests, S3 (Garage) in K3s. */
  photos: PhotoStore;
}

/**
 * The catalog service as a Hono app: public reads of farms, products, offers and lots; farmer
 * edits scoped to their own farm; the internal hold API orders uses at checkout. `main.ts`
 * serves it; tests call `app.request()` on the same app.
 */
export function createApp(deps: CatalogDeps): CatalogApp {
  const app = createServiceApp({
    name: 'catalog',
    version: '1.0.0',
    description:
      'Farms, products, offers (grade, pack, price) and harvest lots; stock per lot with holds for checkout (FEFO, no overselling).',
    logger: deps.logger,
    registry: deps.registry,
    lifecycle: deps.lifecycle,
    readiness: deps.readiness,
    bodyLimitBytes: deps.bodyLimitBytes,
    uploadLimits: [batchUploadLimit, photoUploadLimit],
    requestTimeoutMs: deps.requestTimeoutMs,
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "An access token from identity: a farmer's or admin's.",
  });
  // Before any route: every /internal route (and any route declaring a service scope) needs a
  // service token minted for catalog with the scope the route declares, or nobody gets in.
  guardInternalRoutes(app, {
    authenticate: authenticate({
      keys: deps.keys,
      redis: deps.redis,
      issuer: deps.issuer,
      // People's tokens are accepted here only to be refused with a clear 403, not a 401.
      audience: [deps.audience, CATALOG_AUDIENCE],
      clock: deps.clock,
    }),
    audience: CATALOG_AUDIENCE,
    scopes: catalogServiceScopes,
  });
  const ctx: DomainContext = { db: deps.db, clock: deps.clock, logger: deps.logger, stock: deps.stock };
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
    batchJobs: deps.batchJobs,
    // Two decodes at once at most: a 40 MP photo holds ~160 MB while it is processed.
    photos: { store: deps.photos, process: createPhotoProcessor(PHOTO_POLICY, 2) },
  });
  return app;
}
