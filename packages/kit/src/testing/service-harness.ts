import { createServiceTestbed, type ServiceTestbed, uniqueStreamPrefix } from '@fruitables/bus/testing';
import { createTestClock, type TestClock } from '@fruitables/core/testing';
import type { LatencyProxyOptions } from '@fruitables/db/testing';
import type { Registry } from 'prom-client';
import { createTestSigner, type TestSigner } from '../auth/testing.ts';
import { createLifecycle, type Lifecycle } from '../lifecycle.ts';
import { createMetricsRegistry } from '../metrics.ts';
import { type CapturedLogger, captureLogger } from './captured-logger.ts';
import { createRequestClient, type RequestClient, type RequestTarget } from './request-client.ts';

/** The real infrastructure and test doubles a service's app is built on, private to one test file. */
export interface HarnessInfrastructure<TSchema extends Record<string, unknown>> extends ServiceTestbed<TSchema> {
  label: string;
  clock: TestClock;
  logs: CapturedLogger;
  /** Mints access tokens the app accepts (shopper, farmer of a farm, admin, a service with scopes/audience). */
  signer: TestSigner;
  registry: Registry;
  lifecycle: Lifecycle;
  /** This file's own Redis key prefix: give it to anything that names streams or keys. */
  redisPrefix: string;
}

export interface ServiceHarnessOptions<TSchema extends Record<string, unknown>, TBuilt extends { app: RequestTarget }> {
  /** Names the test database and the Redis prefix, to find them while a test runs. */
  label: string;
  /** The service: its schema and database role, its logger and metrics name. */
  service: string;
  tables: TSchema;
  poolMax?: number;
  /** Delays every chunk between the service's pool and PostgreSQL, to widen race windows. */
  latency?: LatencyProxyOptions;
  /** Where the test clock starts (default: now). */
  clockStart?: Date;
  /** How the harness mints tokens; a fresh key the app is given (`signer.keys`) by default. Identity signs with its own key. */
  signer?: (clock: TestClock) => Promise<TestSigner>;
  /** Headers every `client` request carries unless a call overrides them (identity: X-Forwarded-For). */
  requestHeaders?: Record<string, string>;
  /** Builds the app (and anything else the service's tests reach for) on the infrastructure. */
  build(infra: HarnessInfrastructure<TSchema>): TBuilt | Promise<TBuilt>;
  /** Stops what `build` started (background jobs, temporary folders), before the database goes. */
  beforeClose?(built: TBuilt): Promise<void> | void;
}

export type ServiceHarness<
  TSchema extends Record<string, unknown>,
  TBuilt extends { app: RequestTarget },
> = HarnessInfrastructure<TSchema> &
  TBuilt & {
    /** Requests through the app, read once and typed (`status`, `json`, `problem`, `parse(schema)`). */
    client: RequestClient;
    /** Closes what `build` started, the pools and Redis, and drops the database. */
    close(): Promise<void>;
  };

/**
 * ONE way to stand a service up for its tests: a database cloned from the migrated template
 * (its own role, as in production), Redis with a per-file prefix, a movable clock, captured
 * logs, a token signer, and the service's real `createApp` on top. Each service keeps only a
 * small adapter saying how its app is built from these.
 */
export async function createServiceHarness<
  TSchema extends Record<string, unknown>,
  TBuilt extends { app: RequestTarget },
>(options: ServiceHarnessOptions<TSchema, TBuilt>): Promise<ServiceHarness<TSchema, TBuilt>> {
  const testbed = await createServiceTestbed({
    label: options.label,
    context: options.service,
    tables: options.tables,
    ...(options.poolMax === undefined ? {} : { poolMax: options.poolMax }),
    ...(options.latency === undefined ? {} : { latency: options.latency }),
  });
  try {
    const clock = createTestClock(options.clockStart);
    const infra: HarnessInfrastructure<TSchema> = {
      ...testbed,
      label: options.label,
      clock,
      logs: captureLogger(options.service),
      signer: await (options.signer ?? ((c: TestClock) => createTestSigner({ clock: c })))(clock),
      registry: createMetricsRegistry(options.service),
      lifecycle: createLifecycle(),
      redisPrefix: uniqueStreamPrefix(options.label),
    };
    const built = await options.build(infra);
    return {
      ...infra,
      ...built,
      client: createRequestClient(built.app, { headers: () => ({ ...options.requestHeaders }) }),
      async close() {
        try {
          await options.beforeClose?.(built);
        } finally {
          await testbed.close();
        }
      },
    };
  } catch (error) {
    await testbed.close();
    throw error;
  }
}
