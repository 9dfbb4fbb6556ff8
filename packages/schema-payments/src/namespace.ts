import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * The payments context's own Postgres schema; only the `fruitables_payments` role can touch it.
 * Not exported from the package: the migrate runner creates the schema, not the service.
 */
export const payments = pgSchema('payments');
