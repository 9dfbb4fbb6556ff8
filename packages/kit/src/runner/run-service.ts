import {
  closeRedis,
  createBusMetrics,
  createOutboxRelay,
  type OutboxRelay,
  openRedis,
  startStreamTrimmer,
} from '@fruitables/bus';
import { systemClock } from '@fruitables/core';
import { createDrizzle, createPostgres, postgresReadiness } from '@fruitables/db';
import type { Server } from 'bun';
import type { DestinationStream } from 'pino';
import type { z } from 'zod';
import { createJwksKeySource } from '../auth/jwks-key-source.ts';
import { exitOnEnvError, parseEnv, serviceEnvShape } from '../env.ts';
import type { ReadinessCheck } from '../health.ts';
import { createLifecycle } from '../lifecycle.ts';
import { createLogger } from '../logger.ts';
import { createMetricsRegistry } from '../metrics.ts';
import { serveMetrics } from '../metrics-endpoint.ts';
import { serveApp } from '../serve.ts';
import { manageBackground } from './background.ts';
import { redisReadiness, runningReadiness, startUpReadiness } from './readiness.ts';
import { jwksEnvShape, tokenClaimsEnvShape } from './shared-env.ts';
import type { KeysFor, RunnerEnv, ServiceDefinition, ServicePlatform } from './types.ts';

export interface RunOptions {
  /** Where both servers listen; 0.0.0.0 unless a test says otherwise. */
  hostname?: string;
  /** Called with the exit code once shutdown is complete (process.exit by default); tests pass their own. */
  exit?: (code: number) => void;
  /** Where log lines go (stdout by default); tests read them. */
  logDestination?: DestinationStream;
}

export interface StartedService<TPlatform> {
  server: Server<undefined>;
  metricsServer: Server<undefined>;
  platform: TPlatform;
  /** Settles once the start-up step ran and the consumers and sweeps started. */
  started: Promise<void>;
  /** The same graceful shutdown SIGTERM triggers. */
  shutdown(reason: string): Promise<void>;
}

/**
 * Runs a service: parses its environment (the shared variables and its own, every problem
 * at once), opens the logger, metrics, the PostgreSQL pool, Redis and, for a service that
 * verifies tokens, identity's key set; hands them to `build`; then serves the app, runs the
 * start-up step, and starts the outbox relay, the stream trimmer, the consumers and the
 * sweeps. `/readyz` knows all of them; `/metrics` is served on METRICS_PORT.
 *
 * On SIGTERM: readiness turns 503, the HTTP server drains, then the jobs, consumers and
 * sweeps stop (no new work), then the relay and the trimmer (everything committed is
 * sent), then Redis and PostgreSQL close, and the metrics server last.
 */
export async function runService<
  TShape extends z.ZodRawShape,
  TTables extends Record<string, unknown>,
  TConfig = undefined,
  TVerifies extends boolean = false,
>(
  definition: ServiceDefinition<TShape, TConfig, TTables, TVerifies>,
  environment: Record<string, string | undefined>,
  options: RunOptions = {},
): Promise<StartedService<ServicePlatform<RunnerEnv<TShape>, TConfig, TTables, KeysFor<TVerifies>>>> {
  const { name } = definition;
  const { env, config, jwksUrl } = exitOnEnvError(name, () => {
    const parsed = parseEnv(
      {
        ...serviceEnvShape,
        ...tokenClaimsEnvShape,
        ...(definition.verifiesTokens ? jwksEnvShape : {}),
        ...definition.env,
      },
      environment,
    ) as RunnerEnv<TShape> & { AUTH_JWKS_URL?: string };
    return { env: parsed, config: definition.config?.(parsed) as TConfig, jwksUrl: parsed.AUTH_JWKS_URL };
  });

  const logger = createLogger({
    service: name,
    level: env.LOG_LEVEL,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const registry = createMetricsRegistry(name);
  const busMetrics = createBusMetrics(registry);
  const lifecycle = createLifecycle();
  // DATABASE_URL logs in as the service's own role, which can reach its own schema only.
  const sql = createPostgres(env.DATABASE_URL, { applicationName: name, max: env.DB_POOL_MAX });
  const db = createDrizzle(sql, definition.tables);
  const redisConnection = { url: env.REDIS_URL };
  const redis = await openRedis(redisConnection, (error) => logger.error({ err: error }, 'redis connection error'));

  let keys: KeysFor<TVerifies> | undefined;
  if (jwksUrl !== undefined) {
    const source = createJwksKeySource({ jwksUrl, logger });
    // Best effort at boot: identity may start after us; the source retries on the first token.
    await source.refresh().catch((error: unknown) => logger.warn({ err: error }, 'JWKS not reachable yet'));
    keys = source as KeysFor<TVerifies>;
  }

  const readiness: ReadinessCheck[] = [postgresReadiness(sql), redisReadiness(redis)];
  let relay: OutboxRelay | undefined;
  if (definition.producer) {
    const { stream, outbox } = definition.producer;
    relay = createOutboxRelay({ sql, db, outbox, redis, stream, logger, metrics: busMetrics });
    readiness.push(runningReadiness('outbox relay', relay));
  }

  const platform: ServicePlatform<RunnerEnv<TShape>, TConfig, TTables, KeysFor<TVerifies>> = {
    name,
    env,
    config,
    logger,
    registry,
    busMetrics,
    lifecycle,
    clock: systemClock,
    sql,
    db,
    redis,
    redisConnection,
    keys: keys as KeysFor<TVerifies>,
    auth: { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE },
    consumerName: env.CONSUMER_NAME ?? `${name}-${process.pid}`,
    readiness,
    http: { bodyLimitBytes: env.BODY_LIMIT_BYTES, requestTimeoutMs: env.REQUEST_TIMEOUT_MS },
  };
  const parts = await definition.build(platform);

  const startUp = parts.onStart ? startUpReadiness() : undefined;
  if (startUp) readiness.push(startUp);
  for (const [consumerName, consumer] of Object.entries(parts.consumers ?? {})) {
    readiness.push(runningReadiness(consumerName, consumer));
  }

  // Shutdown hooks run in registration order: background work first (background.ts), then
  // the relay sends what that work committed, then the connections everything used.
  const background = manageBackground(parts, lifecycle, logger);
  let trimmer: { stop(): Promise<void> } | undefined;
  if (relay && definition.producer) {
    const started = relay;
    await started.start();
    lifecycle.onShutdown('outbox relay', () => started.stop());
    // Redis runs with noeviction: a stream nobody trims grows until Redis refuses writes.
    trimmer = startStreamTrimmer({
      redis,
      streams: [definition.producer.stream],
      intervalMs: env.STREAM_TRIM_INTERVAL_MS,
      logger,
      metrics: busMetrics,
    });
    const runningTrimmer = trimmer;
    lifecycle.onShutdown('stream trimmer', () => runningTrimmer.stop());
  }
  lifecycle.onShutdown('redis', () => closeRedis(redis));
  lifecycle.onShutdown('postgres', () => sql.end({ timeout: 5 }));
  // Last, so Prometheus can still scrape while the service drains.
  const metricsServer = serveMetrics({
    registry,
    port: env.METRICS_PORT,
    ...(options.hostname ? { hostname: options.hostname } : {}),
    logger,
  });
  lifecycle.onShutdown('metrics server', () => metricsServer.stop(true));

  let failed = false;
  const exit = options.exit ?? process.exit;
  const running = serveApp({
    fetch: parts.app.fetch,
    port: env.PORT,
    ...(options.hostname ? { hostname: options.hostname } : {}),
    logger,
    lifecycle,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    exit: (code) => exit(failed ? 1 : code),
  });

  // Serving first: liveness answers and readiness says 503 (not a refused connection) while
  // the start-up step runs; consumers start only after it, on what it prepared.
  const started = (async () => {
    await parts.onStart?.();
    startUp?.done();
    await background.start();
  })().catch(async (error: unknown) => {
    failed = true;
    logger.fatal({ err: error }, 'start-up failed');
    await running.shutdown('start-up failed');
  });

  return { server: running.server, metricsServer, platform, started, shutdown: running.shutdown };
}
