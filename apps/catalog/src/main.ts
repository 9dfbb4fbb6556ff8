import { createBusMetrics, createOutboxRelay, openRedis } from '@fruitables/bus';
import { systemClock } from '@fruitables/core';
import { createDrizzle, createPostgres } from '@fruitables/db';
import {
  createJwksKeySource,
  createLifecycle,
  createLogger,
  createMetricsRegistry,
  exitOnEnvError,
  parseEnv,
  serveApp,
  serviceEnvShape,
} from '@fruitables/kit';
import { catalogTables, outbox } from '@fruitables/schema-catalog';
import { createApp } from './app.ts';
import { createBatchJobs } from './batches/batch-job.ts';
import { catalogProducer } from './domain/events.ts';
import { catalogEnvShape, photoStorageFrom } from './env.ts';
import { createFarmEventsConsumer } from './farm-events.ts';
import { createPhotoStore } from './photos/create-photo-store.ts';
import { startAgeOutSweep, startHoldExpirySweep } from './sweeps.ts';

const { env, photoStorage } = exitOnEnvError('catalog', () => {
  const parsed = parseEnv({ ...serviceEnvShape, ...catalogEnvShape }, process.env);
  return { env: parsed, photoStorage: photoStorageFrom(parsed) };
});
const logger = createLogger({ service: 'catalog', level: env.LOG_LEVEL });
const registry = createMetricsRegistry('catalog');
const metrics = createBusMetrics(registry);
const lifecycle = createLifecycle();

// DATABASE_URL logs in as the fruitables_catalog role, which can reach the catalog schema only.
const sql = createPostgres(env.DATABASE_URL, { applicationName: 'catalog', max: env.CATALOG_DB_POOL_MAX });
const db = createDrizzle(sql, catalogTables);
const redis = await openRedis({ url: env.REDIS_URL }, (error) =>
  logger.error({ err: error }, 'redis connection error'),
);

const keys = createJwksKeySource({ jwksUrl: env.CATALOG_JWKS_URL, logger });
// Best effort at boot: identity may start after us; the source retries on the first token.
await keys.refresh().catch((error: unknown) => logger.warn({ err: error }, 'JWKS not reachable yet'));

const stock = {
  defaultMaxAgeDays: env.CATALOG_DEFAULT_MAX_AGE_DAYS,
  holdTtlSeconds: env.CATALOG_HOLD_TTL_SECONDS,
};
const consumer = createFarmEventsConsumer({
  redis: { url: env.REDIS_URL },
  db,
  logger,
  metrics,
  consumerName: env.CATALOG_CONSUMER_NAME,
});

// Imports a stopped process left running wrote nothing (their transaction died with it): say so.
const batchJobs = createBatchJobs({ db, logger, clock: systemClock });
await batchJobs.failInterrupted();

const app = createApp({
  sql,
  db,
  redis,
  clock: systemClock,
  logger,
  registry,
  lifecycle,
  keys,
  issuer: env.CATALOG_ISSUER,
  audience: env.CATALOG_AUDIENCE,
  stock,
  consumer,
  bodyLimitBytes: env.BODY_LIMIT_BYTES,
  requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
  batchJobs,
  photos: createPhotoStore(photoStorage),
});

const relay = createOutboxRelay({ sql, db, outbox, redis, stream: catalogProducer.stream, logger, metrics });
await relay.start();
await consumer.start();
const sweepContext = { db, clock: systemClock, stock };
const holdExpiry = startHoldExpirySweep(sweepContext, { intervalMs: env.CATALOG_EXPIRY_SWEEP_MS, logger });
const ageOut = startAgeOutSweep(sweepContext, { intervalMs: env.CATALOG_AGE_OUT_SWEEP_MS, logger });

// After the HTTP server has drained: stop taking events and expiring holds, stop sending, then close connections.
lifecycle.onShutdown('batch imports', () => batchJobs.drain());
lifecycle.onShutdown('farm-events consumer', () => consumer.stop());
lifecycle.onShutdown('hold expiry sweep', () => holdExpiry.stop());
lifecycle.onShutdown('stock age-out sweep', () => ageOut.stop());
lifecycle.onShutdown('outbox relay', () => relay.stop());
lifecycle.onShutdown('redis', async () => {
  await redis.close();
});
lifecycle.onShutdown('postgres', () => sql.end({ timeout: 5 }));

serveApp({ fetch: app.fetch, port: env.PORT, logger, lifecycle, shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS });
