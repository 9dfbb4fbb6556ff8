import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

export type Postgres = postgres.Sql;

export interface PostgresOptions {
  /** Pool size; a service on one node rarely needs more than its CPU share of connections. */
  max?: number;
  /** Tag shown in pg_stat_activity so an operator can tell which service holds a connection. */
  applicationName: string;
}

/**
 * A postgres.js pool with the house defaults: notices are not printed (they would bypass
 * the JSON log), idle connections close, and every connection says who it belongs to.
 */
export function createPostgres(url: string, options: PostgresOptions): Postgres {
  return postgres(url, {
    max: options.max ?? 10,
    // Not `max_pipeline: 1`, though pipelining prepared queries behind a stalled backend
    // raises tail latency: postgres.js 3.4 then sends a BEGIN to a busy connection without
    // reserving it and fails the transaction with UNSAFE_TRANSACTION (seen under load).
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: options.applicationName },
  });
}

export function createDrizzle<TSchema extends Record<string, unknown>>(
  sql: Postgres,
  schema: TSchema,
): PostgresJsDatabase<TSchema> {
  return drizzle(sql, { schema });
}
