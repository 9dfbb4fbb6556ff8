import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * `column = any($1::uuid[])`: one bind parameter whatever the number of ids, so the statement
 * text stays the same and postgres.js can keep it prepared (an `in (...)` list changes with
 * its length), and a list longer than PostgreSQL's 65,535 bind parameters still fits.
 */
export function isAnyOf(column: AnyPgColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${sql.param([...ids])}::uuid[])`;
}
