import { farmDayCounters, hubDayCounters } from '@fruitables/schema-logistics';
import { and, eq, sql } from 'drizzle-orm';
import type { LogisticsDb } from '../context.ts';

/*
 * The booked-box counters. Every writer takes the farm's counter before the hub's (and a
 * sweep settling many bookings takes farms in id order, then hubs), so two transactions
 * never wait on each other in opposite orders.
 */

/**
 * Adds `boxes` to the farm's dispatch day when the sum stays within `capacity`: one
 * conditional upsert, so of any number of checkouts racing for the last places exactly as
 * many win as fit (the row lock queues them; each re-reads the count it adds to).
 */
export async function bookFarmDay(
  tx: LogisticsDb,
  farmId: string,
  dispatchDate: string,
  boxes: number,
  capacity: number,
): Promise<boolean> {
  if (boxes > capacity) return false;
  const rows = await tx
    .insert(farmDayCounters)
    .values({ farmId, dispatchDate, booked: boxes })
    .onConflictDoUpdate({
      target: [farmDayCounters.farmId, farmDayCounters.dispatchDate],
      set: { booked: sql`${farmDayCounters.booked} + excluded.booked` },
      setWhere: sql`${farmDayCounters.booked} + excluded.booked <= ${capacity}`,
    })
    .returning({ booked: farmDayCounters.booked });
  return rows.length === 1;
}

/** The same for the hub's dawn run of an arrival date. */
export async function bookHubDay(
  tx: LogisticsDb,
  hubId: string,
  deliveryDate: string,
  boxes: number,
  capacity: number,
): Promise<boolean> {
  if (boxes > capacity) return false;
  const rows = await tx
    .insert(hubDayCounters)
    .values({ hubId, deliveryDate, booked: boxes })
    .onConflictDoUpdate({
      target: [hubDayCounters.hubId, hubDayCounters.deliveryDate],
      set: { booked: sql`${hubDayCounters.booked} + excluded.booked` },
      setWhere: sql`${hubDayCounters.booked} + excluded.booked <= ${capacity}`,
    })
    .returning({ booked: hubDayCounters.booked });
  return rows.length === 1;
}

export async function unbookFarmDay(tx: LogisticsDb, farmId: string, dispatchDate: string, boxes: number) {
  await tx
    .update(farmDayCounters)
    .set({ booked: sql`greatest(${farmDayCounters.booked} - ${boxes}, 0)` })
    .where(and(eq(farmDayCounters.farmId, farmId), eq(farmDayCounters.dispatchDate, dispatchDate)));
}

export async function unbookHubDay(tx: LogisticsDb, hubId: string, deliveryDate: string, boxes: number) {
  await tx
    .update(hubDayCounters)
    .set({ booked: sql`greatest(${hubDayCounters.booked} - ${boxes}, 0)` })
    .where(and(eq(hubDayCounters.hubId, hubId), eq(hubDayCounters.deliveryDate, deliveryDate)));
}

/** What a set of bookings gives back, summed per counter so each counter is touched once, in lock order. */
export async function unbookMany(
  tx: LogisticsDb,
  released: readonly {
    farmId: string;
    dispatchDate: string;
    hubId: string | null;
    deliveryDate: string;
    boxes: number;
  }[],
) {
  const farms = new Map<string, { farmId: string; date: string; boxes: number }>();
  const hubs = new Map<string, { hubId: string; date: string; boxes: number }>();
  for (const booking of released) {
    const farmKey = `${booking.farmId}/${booking.dispatchDate}`;
    const farm = farms.get(farmKey) ?? { farmId: booking.farmId, date: booking.dispatchDate, boxes: 0 };
    farm.boxes += booking.boxes;
    farms.set(farmKey, farm);
    if (booking.hubId === null) continue;
    const hubKey = `${booking.hubId}/${booking.deliveryDate}`;
    const hub = hubs.get(hubKey) ?? { hubId: booking.hubId, date: booking.deliveryDate, boxes: 0 };
    hub.boxes += booking.boxes;
    hubs.set(hubKey, hub);
  }
  for (const key of [...farms.keys()].sort()) {
    const farm = farms.get(key);
    if (farm) await unbookFarmDay(tx, farm.farmId, farm.date, farm.boxes);
  }
  for (const key of [...hubs.keys()].sort()) {
    const hub = hubs.get(key);
    if (hub) await unbookHubDay(tx, hub.hubId, hub.date, hub.boxes);
  }
}
