import { createInboxTable, createOutboxTable } from '@fruitables/bus';
import { batchImports } from './batches.ts';
import { farms, fruitMaxAges } from './farms.ts';
import { catalog } from './namespace.ts';
import { photos } from './photos.ts';
import { offers, products } from './products.ts';
import { holdLines, holdReturnLines, holdReturns, holds, lotAdjustments, lots } from './stock.ts';

export * from './batches.ts';
export * from './farms.ts';
export * from './photos.ts';
export * from './products.ts';
export * from './stock.ts';
export * from './values.ts';

export const outbox = createOutboxTable(catalog);
export const inbox = createInboxTable(catalog);

/** Every table, for `createDrizzle(sql, catalogTables)`; the app uses the query builder, not relational queries. */
export const catalogTables = {
  farms,
  fruitMaxAges,
  products,
  offers,
  lots,
  lotAdjustments,
  holds,
  holdLines,
  holdReturns,
  holdReturnLines,
  batchImports,
  photos,
  outbox,
  inbox,
};
