import { createDrizzle, createPostgres, type Postgres } from '@fruitables/db';
import {
  createTestDatabase,
  type LatencyProxyOptions,
  startLatencyProxy,
  type TestDatabase,
} from '@fruitables/db/testing';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createClient } from 'redis';
import type { RedisClient } from '../redis.ts';

/** The real infrastructure one service test file gets: its own database and the test Redis. */
export interface ServiceTestbed<TSchema extends Record<string, unknown>> {
  database: TestDatabase;
  /** Connected as the service's own role, as the service would be. */
  sql: Postgres;
  db: PostgresJsDatabase<TSchema>;
  /** The database owner, for raw SQL checks a service role may not make. */
  owner: postgres.Sql;
  redis: RedisClient;
  close(): Promise<void>;
}

export interface ServiceTestbedOptions<TSchema extends Record<string, unknown>> {
  /** Names the test database, to find it while a test runs. */
  label: string;
  /** The context (schema and role) the service owns. */
  context: string;
  tables: TSchema;
  poolMax?: number;
  /** Delays every chunk between the service's pool and PostgreSQL (the owner connection stays direct). */
  latency?: LatencyProxyOptions;
}

/**
 * A private database cloned from the migrated template, pools as the service role and as
 * the owner, and a Redis connection; `close` releases all of it and drops the database.
 * Each service's test harness builds its app on top of this.
 */
export async function createServiceTestbed<TSchema extends Record<string, unknown>>(
  options: ServiceTestbedOptions<TSchema>,
): Promise<ServiceTestbed<TSchema>> {
  const database = await createTestDatabase(options.label);
  const proxy = options.latency ? await startLatencyProxy(database.ownerUrl, options.latency) : undefined;
  const serviceUrl = database.urlFor(options.context);
  const sql = createPostgres(proxy ? proxy.url(serviceUrl) : serviceUrl, {
    applicationName: `test-${options.label}`,
    max: options.poolMax ?? 10,
  });
  const owner = postgres(database.ownerUrl, { max: 2, onnotice: () => {} });
  const url = process.env.FRUITABLES_TEST_REDIS_URL;
  if (!url) throw new Error('FRUITABLES_TEST_REDIS_URL is not set: run tests through `./fruitables test`');
  const redis: RedisClient = createClient({ url });
  await redis.connect();
  return {
    database,
    sql,
    db: createDrizzle(sql, options.tables),
    owner,
    redis,
    async close() {
      await redis.close();
      await owner.end({ timeout: 5 });
      await sql.end({ timeout: 5 });
      await proxy?.close();
      await database.drop();
    },
  };
}
