import type { BusMetrics, OutboxTable, RedisClient, RedisConnection } from '@fruitables/bus';
import type { Clock } from '@fruitables/core';
import type { Postgres } from '@fruitables/db';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import type { JwksKeySource } from '../auth/jwks-key-source.ts';
import type { ServiceEnv } from '../env.ts';
import type { ReadinessCheck } from '../health.ts';
import type { Lifecycle } from '../lifecycle.ts';
import type { tokenClaimsEnvShape } from './shared-env.ts';

/** The variables every service gets from the runner, on top of its own shape. */
export type SharedEnv = ServiceEnv & z.infer<z.ZodObject<typeof tokenClaimsEnvShape>>;

/** The environment a service's `build` sees: the shared variables and its own. */
export type RunnerEnv<TShape extends z.ZodRawShape> = SharedEnv & z.infer<z.ZodObject<TShape>>;

/** A consumer-group loop the runner starts, checks for readiness and stops (the bus's `Consumer`). */
export interface RunnableConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  isRunning(): boolean;
}

/** Something running in the background that stops when asked (a sweep, a timer). */
export interface Stoppable {
  stop(): void | Promise<void>;
}

/** Work the service's handlers start in the background; shutdown waits for it. */
export interface Drainable {
  drain(): Promise<void>;
}

/** What a service gets to build its app from: connections, observability, its settings. */
export interface ServicePlatform<TEnv, TConfig, TTables extends Record<string, unknown>, TKeys> {
  name: string;
  env: TEnv;
  /** What the definition's `config` made of the environment (cross-variable settings). */
  config: TConfig;
  logger: Logger;
  registry: Registry;
  busMetrics: BusMetrics;
  lifecycle: Lifecycle;
  clock: Clock;
  /** The pool, as the service's own role (DATABASE_URL). */
  sql: Postgres;
  db: PostgresJsDatabase<TTables>;
  redis: RedisClient;
  /** How consumers open connections of their own (a blocking read must not share one). */
  redisConnection: RedisConnection;
  /** identity's public keys from AUTH_JWKS_URL, for services with `verifiesTokens`. */
  keys: TKeys;
  /** The `iss` and `aud` every access token carries (AUTH_ISSUER, AUTH_AUDIENCE). */
  auth: { issuer: string; audience: string };
  /** CONSUMER_NAME, or `<service>-<pid>`. */
  consumerName: string;
  /**
   * PostgreSQL and Redis, the relay, the start-up step and every consumer: pass this list
   * to the app as it is. The runner adds the consumers' checks once `build` returned them.
   */
  readiness: readonly ReadinessCheck[];
  /** What `createServiceApp` takes from the environment. */
  http: { bodyLimitBytes: number; requestTimeoutMs: number };
}

/** What a service hands back to the runner: its app and what runs beside it. */
export interface ServiceParts {
  app: { fetch: (request: Request) => Response | Promise<Response> };
  /** Event consumers by name; started after `onStart`, stopped after the HTTP server drained. */
  consumers?: Record<string, RunnableConsumer>;
  /** Periodic work by name, started with the consumers and stopped with them. */
  sweeps?: Record<string, () => Stoppable>;
  /** Background work the routes start (imports); shutdown waits for it before the relay stops. */
  jobs?: Record<string, Drainable>;
  /**
   * A start-up step run once the server listens (so liveness answers and readiness says
   * 503), before consumers and sweeps start: the storefront's first full build. Should give
   * up when `lifecycle.draining` turns true; the runner then starts nothing.
   */
  onStart?: () => Promise<void>;
}

/** A producing service: the runner relays its outbox to its stream and trims that stream. */
export interface ProducerSettings {
  stream: string;
  outbox: OutboxTable;
}

export interface ServiceDefinition<
  TShape extends z.ZodRawShape,
  TConfig,
  TTables extends Record<string, unknown>,
  TVerifies extends boolean,
> {
  /** The log field, metrics label, PostgreSQL application name and default consumer name. */
  name: string;
  /** The service's own variables; the shared ones (kit/env.ts, shared-env.ts) are added. */
  env: TShape;
  /** Rules across variables, run at boot with the parsing (throw EnvError); the result is `platform.config`. */
  config?: (env: RunnerEnv<TShape>) => TConfig;
  /** The service's Drizzle tables (its schema package). */
  tables: TTables;
  producer?: ProducerSettings;
  /** Verifies access tokens against identity's JWKS (AUTH_JWKS_URL, required then). */
  verifiesTokens?: TVerifies;
  build(platform: ServicePlatform<RunnerEnv<TShape>, TConfig, TTables, KeysFor<TVerifies>>): Promise<ServiceParts>;
}

export type KeysFor<TVerifies extends boolean> = TVerifies extends true ? JwksKeySource : undefined;
