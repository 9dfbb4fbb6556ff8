import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * The orders context's own Postgres schema; only the `fruitables_orders` role can touch it.
 * Not exported from the package: the migrate runner creates the schema, not the service.
 */
export const orders = pgSchema('orders');
