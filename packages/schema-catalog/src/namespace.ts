import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * The catalog context's own Postgres schema; only the `fruitables_catalog` role can touch it.
 * Not exported from the package: the migrate runner creates the schema, not the service.
 */
export const catalog = pgSchema('catalog');
