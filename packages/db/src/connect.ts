import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { isTransientConflict } from './errors.ts';

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

/** How many times a transaction PostgreSQL aborted for a deadlock or serialization failure is run in all. */
const TRANSACTION_ATTEMPTS = 3;

export function createDrizzle<TSchema extends Record<string, unknown>>(
  sql: Postgres,
  schema: TSchema,
): PostgresJsDatabase<TSchema> {
  const db = drizzle(sql, { schema });
  // A deadlock victim (PostgreSQL picks one of two transactions waiting on each other, e.g. two
  // that each hold a foreign key's share lock on an order and then want its row) did nothing:
  // its transaction rolled back. Running it again is what the caller would do, so every
  // service's transactions do it here rather than answering 500. The callback must therefore
  // keep its effects inside the transaction (remote calls run outside, in workflows).
  const transaction = db.transaction.bind(db);
  db.transaction = async (run, config) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(run, config);
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !isTransientConflict(error)) throw error;
        await Bun.sleep(Math.random() * 20 * attempt);
      }
    }
  };
  return db;
}
