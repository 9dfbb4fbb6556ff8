import { farmSettings } from '@fruitables/schema-logistics';
import { eq } from 'drizzle-orm';
import type { DomainContext } from './context.ts';
import type { FarmRules } from './promise/farm-rules.ts';

export interface FarmSettingsView extends Omit<FarmRules, 'dispatchWeekdays'> {
  dispatchWeekdays: number[];
  /** False while the farm ships by the platform's defaults. */
  customised: boolean;
}

/** The farm's shipping rules: its own row, or the platform's defaults until it saves one. */
export async function readFarmSettings(
  ctx: Pick<DomainContext, 'db' | 'policy'>,
  farmId: string,
): Promise<FarmSettingsView> {
  const [row] = await ctx.db.select().from(farmSettings).where(eq(farmSettings.farmId, farmId));
  if (row) {
    const { updatedAt: _, ...rules } = row;
    return { ...rules, customised: true };
  }
  const defaults = ctx.policy.defaultFarm;
  return { farmId, ...defaults, dispatchWeekdays: [...defaults.dispatchWeekdays], customised: false };
}

/**
 * Saves the farm's rules whole. Bookings already held keep their dates: a lower capacity
 * only stops new bookings on a day that is already past it.
 */
export async function saveFarmSettings(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  rules: FarmRules,
): Promise<FarmSettingsView> {
  const values = {
    ...rules,
    dispatchWeekdays: [...new Set(rules.dispatchWeekdays)].sort(),
    updatedAt: ctx.clock.now(),
  };
  await ctx.db.insert(farmSettings).values(values).onConflictDoUpdate({ target: farmSettings.farmId, set: values });
  const { updatedAt: _, ...saved } = values;
  return { ...saved, customised: true };
}
