import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { PostgresJsQueryResultHKT } from 'drizzle-orm/postgres-js';

/**
 * Anything that runs queries: the pool's database or an open transaction. Functions that
 * take an `Executor` compose into a caller's transaction, which is how an outbox row lands
 * in the same commit as the change it announces.
 */
export type Executor<TSchema extends Record<string, unknown> = Record<string, never>> = PgDatabase<
  PostgresJsQueryResultHKT,
  TSchema,
  ExtractTablesWithRelations<TSchema>
>;
