import { createBusMetrics, openRedis } from '@fruitables/bus';
import { systemClock } from '@fruitables/core';
import { createDrizzle, createPostgres, postgresReadiness } from '@fruitables/db';
import {
  createLifecycle,
  createLogger,
  createMetricsRegistry,
  exitOnEnvError,
  parseEnv,
  serveApp,
  serviceEnvShape,
} from '@fruitables/kit';
import { storefrontTables } from '@fruitables/schema-storefront';
import { createApp } from './app.ts';
import { storefrontEnvShape } from './env.ts';
import { createEdgePurger } from './rebuild/edge-purger.ts';
import { createRebuilder } from './rebuild/rebuilder.ts';
import { startSeasonTick } from './rebuild/season-tick.ts';
import { buildUntilLive } from './site/build-until-live.ts';
import { createSiteFromEnv } from './site/create-site-from-env.ts';

const env = exitOnEnvError('storefront', () => parseEnv({ ...serviceEnvShape, ...storefrontEnvShape }, process.env));
const logger = createLogger({ service: 'storefront', level: env.LOG_LEVEL });
const registry = createMetricsRegistry('storefront');
const lifecycle = createLifecycle();

// DATABASE_URL logs in as fruitables_storefront, which owns only the storefront schema (the inbox).
const sql = createPostgres(env.DATABASE_URL, { applicationName: 'storefront', max: 4 });
const db = createDrizzle(sql, storefrontTables);
const redis = await openRedis({ url: env.REDIS_URL }, (error) =>
  logger.error({ err: error }, 'redis connection error'),
);

const { site, store, source } = await createSiteFromEnv(env, { clock: systemClock, logger });
const purger = createEdgePurger({ url: env.STOREFRONT_EDGE_PURGE_URL, secret: env.STOREFRONT_EDGE_PURGE_SECRET });
const rebuilder = createRebuilder({
  redis: { url: env.REDIS_URL },
  db,
  site,
  purger,
  logger,
  metrics: createBusMetrics(registry),
  registry,
  consumerName: env.STOREFRONT_CONSUMER_NAME,
});

const app = createApp({
  logger,
  registry,
  lifecycle,
  site,
  store,
  source,
  readiness: [
    postgresReadiness(sql),
    { name: 'redis', check: () => redis.ping() },
    {
      name: 'rebuilder',
      check: async () => {
        if (!rebuilder.isRunning()) throw new Error('the rebuilder is not running');
      },
    },
  ],
  bodyLimitBytes: env.BODY_LIMIT_BYTES,
  requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
});

// Serve first (liveness, and a 503 "not ready" rather than a refused connection), then build:
// catalog boots beside us and may not answer yet.
serveApp({ fetch: app.fetch, port: env.PORT, logger, lifecycle, shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS });
const seasonTick = startSeasonTick({ site, purger, clock: systemClock, logger });
lifecycle.onShutdown('rebuilder', () => rebuilder.stop());
lifecycle.onShutdown('season tick', async () => seasonTick.stop());
lifecycle.onShutdown('redis', async () => {
  await redis.close();
});
lifecycle.onShutdown('postgres', () => sql.end({ timeout: 5 }));

if (await buildUntilLive(site, { logger, isStopping: () => lifecycle.draining })) {
  // A new build may come from new templates (a deploy): the edge's copies of every page go.
  await purger
    .purge(['site'])
    .catch((error: unknown) => logger.warn({ err: error }, 'could not purge the edge after the full build'));
  await rebuilder.start();
}
