import { hubCapacities, hubDayCounters } from '@fruitables/schema-logistics';
import { and, eq } from 'drizzle-orm';
import type { DomainContext } from './context.ts';

/**
 * The hub's dawn-run capacity for one arrival date (a holiday rush, a short-staffed night).
 * Lowering it below what is already booked only stops new bookings; nobody is bumped.
 */
export async function setHubCapacity(
  ctx: Pick<DomainContext, 'db' | 'policy'>,
  deliveryDate: string,
  capacity: number,
) {
  const { hubId } = ctx.policy;
  await ctx.db
    .insert(hubCapacities)
    .values({ hubId, deliveryDate, capacity })
    .onConflictDoUpdate({ target: [hubCapacities.hubId, hubCapacities.deliveryDate], set: { capacity } });
  return readHubCapacity(ctx, deliveryDate);
}

export async function readHubCapacity(ctx: Pick<DomainContext, 'db' | 'policy'>, deliveryDate: string) {
  const { hubId } = ctx.policy;
  const [override] = await ctx.db
    .select({ capacity: hubCapacities.capacity })
    .from(hubCapacities)
    .where(and(eq(hubCapacities.hubId, hubId), eq(hubCapacities.deliveryDate, deliveryDate)));
  const [counter] = await ctx.db
    .select({ booked: hubDayCounters.booked })
    .from(hubDayCounters)
    .where(and(eq(hubDayCounters.hubId, hubId), eq(hubDayCounters.deliveryDate, deliveryDate)));
  return {
    hubId,
    deliveryDate,
    capacity: override?.capacity ?? ctx.policy.hubDawnCapacity,
    booked: counter?.booked ?? 0,
    customised: override !== undefined,
  };
}
