/** A farm's shipping rules, from its settings row or the platform's defaults. */
export interface FarmRules {
  farmId: string;
  /** 0 = Sunday … 6 = Saturday. */
  dispatchWeekdays: readonly number[];
  /** Minutes past Seoul midnight; an order must come strictly before it. */
  cutoffMinutes: number;
  dailyCapacity: number;
  baseFee: number;
  freeFrom: number | null;
}

/** The settings of a farm that has none: the service's configuration. */
export type DefaultFarmRules = Omit<FarmRules, 'farmId'>;
