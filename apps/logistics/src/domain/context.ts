import type { Clock } from '@fruitables/core';
import type { Executor } from '@fruitables/db';
import type { logisticsTables } from '@fruitables/schema-logistics';
import type { Logger } from 'pino';
import type { AreaSurcharges } from './areas/area-of-postcode.ts';
import type { DefaultFarmRules } from './promise/farm-rules.ts';

export type LogisticsDb = Executor<typeof logisticsTables>;

/** Delivery rules that vary by deployment; see the README's "Rules". */
export interface DeliveryPolicy {
  /** A farm with no settings row ships by these. */
  defaultFarm: DefaultFarmRules;
  /** The hub's dawn run per arrival date, unless `hub_capacities` says otherwise. */
  hubDawnCapacity: number;
  hubId: string;
  surcharges: AreaSurcharges;
  /** How long a checkout's booking holds its date when the caller names no TTL. */
  bookingTtlSeconds: number;
  /** Arrival dates offered per farm, and how far ahead to look for them. */
  choices: number;
  horizonDays: number;
}

/**
 * Everything the logistics domain works with, built once by `createApp`. Functions take the
 * slice they use (`Pick<DomainContext, ...>`); `db` may be the pool or an open transaction.
 */
export interface DomainContext {
  db: LogisticsDb;
  clock: Clock;
  logger: Logger;
  policy: DeliveryPolicy;
}
