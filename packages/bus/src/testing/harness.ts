import type { Postgres } from '@fruitables/db';
import type { TestDatabase } from '@fruitables/db/testing';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import pino, { type Logger } from 'pino';
import { Registry } from 'prom-client';
import type { EventType } from '../catalogue.ts';
import { type Consumer, type ConsumerOptions, createConsumer } from '../consumer.ts';
import { buildEnvelope, type PublishInput } from '../encode.ts';
import { ENVELOPE_FIELD } from '../envelope.ts';
import { type BusMetrics, createBusMetrics } from '../metrics.ts';
import type { RedisClient } from '../redis.ts';
import { testRedisUrl, uniqueStreamPrefix } from '../testing.ts';
import { type FixtureCatalogue, fixtureCatalogue } from './fixture-catalogue.ts';
import * as fixtureSchema from './fixture-schema.ts';
import { createServiceTestbed } from './service-testbed.ts';

export type FixtureDb = PostgresJsDatabase<typeof fixtureSchema>;

/** Everything a bus test needs, private to one test file: its own database, stream keys and metrics. */
export interface BusHarness {
  database: TestDatabase;
  /** Connected as the fixture's service role, like a real service. */
  sql: Postgres;
  db: FixtureDb;
  redis: RedisClient;
  redisUrl: string;
  prefix: string;
  logger: Logger;
  registry: Registry;
  metrics: BusMetrics;
  close(): Promise<void>;
}

export async function createBusHarness(label: string): Promise<BusHarness> {
  const testbed = await createServiceTestbed({ label, context: 'bus_fixture', tables: fixtureSchema });
  // Silent by default; flip to 'debug' when a test needs explaining.
  const logger = pino({ level: 'silent' });
  // Without a listener a dropped connection is an uncaught exception that takes the worker down.
  testbed.redis.on('error', (error: unknown) => logger.warn({ err: error }, 'test redis connection error'));
  const registry = new Registry();
  return {
    database: testbed.database,
    sql: testbed.sql,
    db: testbed.db,
    redis: testbed.redis,
    redisUrl: testRedisUrl(),
    prefix: uniqueStreamPrefix(label),
    logger,
    registry,
    metrics: createBusMetrics(registry),
    close: testbed.close,
  };
}

/** The value of one sample of a metric in the registry (0 when absent). */
export async function metricValue(
  registry: Registry,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  const sample = values.find((value) =>
    Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === expected),
  );
  return sample?.value ?? 0;
}

type FixtureConsumerOptions = Omit<
  ConsumerOptions<FixtureCatalogue, typeof fixtureSchema>,
  'redis' | 'catalogue' | 'db' | 'inbox' | 'logger' | 'metrics'
>;

/** A consumer on the fixture schema with test-friendly timings; tests override what they exercise. */
export function createFixtureConsumer(h: BusHarness, options: FixtureConsumerOptions): Consumer {
  return createConsumer({
    redis: { url: h.redisUrl },
    catalogue: fixtureCatalogue,
    db: h.db,
    inbox: fixtureSchema.inbox,
    logger: h.logger,
    metrics: h.metrics,
    blockMs: 100,
    claimIntervalMs: 100,
    ...options,
  });
}

/** Appends an entry the way the relay does, for tests that exercise consumers alone. */
export async function appendEvent(
  h: BusHarness,
  stream: string,
  input: PublishInput<FixtureCatalogue, EventType<FixtureCatalogue>>,
): Promise<{ streamId: string; eventId: string }> {
  const envelope = buildEnvelope(fixtureCatalogue, input, 'fixture');
  const streamId = await h.redis.xAdd(stream, '*', { [ENVELOPE_FIELD]: JSON.stringify(envelope) });
  return { streamId, eventId: envelope.id };
}

export { waitFor } from '@fruitables/core/testing';
