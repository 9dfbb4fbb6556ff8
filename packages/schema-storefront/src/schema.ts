import { createInboxTable } from '@fruitables/bus';
import { pgSchema } from 'drizzle-orm/pg-core';

// Not exported: the migrate runner creates the schema (owned by fruitables_storefront), and
// drizzle-kit would emit a second CREATE SCHEMA for an exported one.
const storefront = pgSchema('storefront');

/**
 * The storefront keeps its pages as files, not rows; its only table is the inbox the bus
 * consumer needs to apply each catalog event once (the rebuilder's consumer group).
 */
export const inbox = createInboxTable(storefront);

export const storefrontTables = { inbox };
