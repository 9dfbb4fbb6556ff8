import { sql } from 'drizzle-orm';
import type { ClosureRule } from '../calendar/delivery-calendar.ts';
import { addDays } from '../calendar/seoul-days.ts';
import type { DeliveryPolicy, LogisticsDb } from '../context.ts';
import type { FarmRules } from './farm-rules.ts';
import type { CapacityView } from './plan-farm-promise.ts';

export interface PromiseInputs {
  rules: Map<string, FarmRules>;
  capacity: CapacityView;
  closures: ClosureRule[];
}

interface InputsRow extends Record<string, unknown> {
  settings: {
    farmId: string;
    dispatchWeekdays: number[];
    cutoffMinutes: number;
    dailyCapacity: number;
    baseFee: number;
    freeFrom: number | null;
  }[];
  farmCounters: { farmId: string; date: string; booked: number }[];
  hubCounters: { date: string; booked: number }[];
  hubCapacities: { date: string; capacity: number }[];
  closures: ClosureRule[];
}

/**
 * Everything a promise for these farms needs, in ONE round trip: their settings, the boxes
 * booked per dispatch day and on the hub's runs, the hub's capacity overrides and the
 * closures of the window. The promise is asked on every product page and cart view, so one
 * statement (JSON per part) keeps it within its 10 ms budget for a five-farm cart.
 */
export async function loadPromiseInputs(
  db: LogisticsDb,
  policy: DeliveryPolicy,
  farmIds: readonly string[],
  today: string,
): Promise<PromiseInputs> {
  const ids = sql.param([...farmIds]);
  const from = today;
  // Arrivals run a few days past the last dispatch day (transit, weekends, a holiday week).
  const to = addDays(today, policy.horizonDays + 14);
  const result = await db.execute<InputsRow>(sql`
    select
      (select coalesce(json_agg(json_build_object(
          'farmId', farm_id, 'dispatchWeekdays', dispatch_weekdays, 'cutoffMinutes', cutoff_minutes,
          'dailyCapacity', daily_capacity, 'baseFee', base_fee, 'freeFrom', free_from)), '[]'::json)
         from logistics.farm_settings where farm_id = any(${ids}::uuid[])) as "settings",
      (select coalesce(json_agg(json_build_object('farmId', farm_id, 'date', dispatch_date, 'booked', booked)), '[]'::json)
         from logistics.farm_day_counters
         where farm_id = any(${ids}::uuid[]) and dispatch_date between ${from}::date and ${to}::date) as "farmCounters",
      (select coalesce(json_agg(json_build_object('date', delivery_date, 'booked', booked)), '[]'::json)
         from logistics.hub_day_counters
         where hub_id = ${policy.hubId} and delivery_date between ${from}::date and ${to}::date) as "hubCounters",
      (select coalesce(json_agg(json_build_object('date', delivery_date, 'capacity', capacity)), '[]'::json)
         from logistics.hub_capacities
         where hub_id = ${policy.hubId} and delivery_date between ${from}::date and ${to}::date) as "hubCapacities",
      (select coalesce(json_agg(json_build_object(
          'startsOn', starts_on, 'endsOn', ends_on, 'scope', scope, 'farmId', farm_id)), '[]'::json)
         from logistics.closures
         where starts_on <= ${to}::date and ends_on >= ${from}::date
           and (farm_id is null or farm_id = any(${ids}::uuid[]))) as "closures"
  `);
  const [row] = [...result];
  if (!row) throw new Error('the promise inputs query answered no row');
  const rules = new Map<string, FarmRules>();
  for (const farmId of farmIds) rules.set(farmId, { farmId, ...policy.defaultFarm });
  for (const settings of row.settings) rules.set(settings.farmId, settings);
  const farmBooked = new Map(row.farmCounters.map((counter) => [`${counter.farmId}/${counter.date}`, counter.booked]));
  const hubBooked = new Map(row.hubCounters.map((counter) => [counter.date, counter.booked]));
  const hubCapacity = new Map(row.hubCapacities.map((override) => [override.date, override.capacity]));
  return {
    rules,
    closures: row.closures,
    capacity: {
      farmBooked: (farmId, date) => farmBooked.get(`${farmId}/${date}`) ?? 0,
      hubBooked: (date) => hubBooked.get(date) ?? 0,
      hubCapacity: (date) => hubCapacity.get(date) ?? policy.hubDawnCapacity,
    },
  };
}
