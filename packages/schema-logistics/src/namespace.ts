import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * The logistics context's own Postgres schema; only the `fruitables_logistics` role can touch it.
 * Not exported from the package: the migrate runner creates the schema, not the service.
 */
export const logistics = pgSchema('logistics');
