import type { Clock } from '@fruitables/core';
import type { Executor } from '@fruitables/db';
import type { catalogTables } from '@fruitables/schema-catalog';
import type { Logger } from 'pino';

export type CatalogDb = Executor<typeof catalogTables>;

/** Stock rules that vary by deployment; see the README's "Stock rules". */
export interface StockPolicy {
  /** Days a lot stays on sale when its fruit has no row in `fruit_max_ages`. */
  defaultMaxAgeDays: number;
  holdTtlSeconds: number;
}

/**
 * Everything the catalog domain works with, built once by `createApp`. Functions take the
 * slice they use (`Pick<DomainContext, ...>`); `db` may be the pool or an open transaction.
 */
export interface DomainContext {
  db: CatalogDb;
  clock: Clock;
  logger: Logger;
  stock: StockPolicy;
}
