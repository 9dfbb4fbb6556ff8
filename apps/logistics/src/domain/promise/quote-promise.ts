import type { DeliveryArea } from '@fruitables/schema-logistics';
import { type AreaRule, areaOfPostcode } from '../areas/area-of-postcode.ts';
import { createDeliveryCalendar } from '../calendar/delivery-calendar.ts';
import { seoulDateOf } from '../calendar/seoul-days.ts';
import type { DomainContext } from '../context.ts';
import { loadPromiseInputs } from './load-promise-inputs.ts';
import { type PlannedFarmPromise, planFarmPromise } from './plan-farm-promise.ts';

export interface PromiseQuery {
  /** Omitted: the dawn-delivery area (서울), as a product page shows before an address is known. */
  postcode?: string | undefined;
  farms: { farmId: string; boxes: number }[];
}

export interface QuotedPromise {
  postcode: string | null;
  area: DeliveryArea;
  farms: PlannedFarmPromise[];
}

const SEOUL: AreaRule = { area: 'dawn', surcharge: 0, transitDays: 1 };

/** Boxes of the same farm asked twice are one farm's boxes. */
function mergeFarms(farms: PromiseQuery['farms']): Map<string, number> {
  const merged = new Map<string, number>();
  for (const farm of farms) merged.set(farm.farmId, (merged.get(farm.farmId) ?? 0) + farm.boxes);
  return merged;
}

/**
 * The delivery promise for a cart and an address: one answer the product page, the cart and
 * checkout all show. An unserved postcode answers every farm as not deliverable with the reason.
 */
export async function quotePromise(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'policy'>,
  query: PromiseQuery,
): Promise<QuotedPromise> {
  const now = ctx.clock.now();
  const found = query.postcode === undefined ? undefined : areaOfPostcode(query.postcode, ctx.policy.surcharges);
  const merged = mergeFarms(query.farms);
  const postcode = query.postcode ?? null;
  if (found && !found.served) {
    const farms = [...merged.keys()].map(
      (farmId): PlannedFarmPromise => ({
        farmId,
        area: 'parcel',
        deliverable: false,
        reason: found.reason,
        orderBy: null,
        earliest: null,
        headline: found.reason,
        dates: [],
        fee: { baseFee: 0, freeFrom: null, surcharge: 0 },
      }),
    );
    return { postcode, area: 'parcel', farms };
  }
  const area = found ?? SEOUL;
  const inputs = await loadPromiseInputs(ctx.db, ctx.policy, [...merged.keys()], seoulDateOf(now));
  const calendar = createDeliveryCalendar(inputs.closures);
  const farms = [...merged].map(([farmId, boxes]) => {
    const farm = inputs.rules.get(farmId) ?? { farmId, ...ctx.policy.defaultFarm };
    return planFarmPromise({
      now,
      area,
      farm,
      boxes,
      calendar,
      capacity: inputs.capacity,
      choices: ctx.policy.choices,
      horizonDays: ctx.policy.horizonDays,
    });
  });
  return { postcode, area: area.area, farms };
}
