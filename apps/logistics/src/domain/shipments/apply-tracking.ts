import { shipments } from '@fruitables/schema-logistics';
import { and, eq, isNotNull, isNull, lte, notInArray, sql } from 'drizzle-orm';
import type { DomainContext, LogisticsDb } from '../context.ts';
import { publishLogisticsEvent } from '../events.ts';
import { type CourierEvent, describeEvent, normaliseCode } from './courier-events.ts';
import { recordStatus, type ShipmentRow } from './record-status.ts';

/**
 * Applies what the courier reported, oldest event first: each event joins the timeline once,
 * and the status only moves forward (see `advances`). Re-reading the whole history after an
 * outage therefore catches up on every step missed, in order, and re-reading it again is a
 * no-op. Returns how many events were new.
 */
export async function applyCourierEvents(
  tx: LogisticsDb,
  shipment: ShipmentRow,
  events: readonly CourierEvent[],
  now: Date,
): Promise<{ recorded: number; shipment: ShipmentRow }> {
  let current = shipment;
  let recorded = 0;
  for (const event of [...events].sort((a, b) => a.time.getTime() - b.time.getTime())) {
    const status = normaliseCode(event.code);
    if (status === null) continue;
    const result = await recordStatus(
      tx,
      current,
      { status, description: describeEvent(event, status), location: event.location, occurredAt: event.time },
      now,
    );
    current = result.shipment;
    if (result.recorded) recorded++;
  }
  return { recorded, shipment: current };
}

/** Shipments whose poll is due, leased for `leaseMs` so a second replica skips them meanwhile. */
export async function claimDuePolls(ctx: Pick<DomainContext, 'db' | 'clock'>, limit: number, leaseMs: number) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(shipments)
      .where(and(isNotNull(shipments.nextPollAt), lte(shipments.nextPollAt, now), isNotNull(shipments.trackingNumber)))
      .orderBy(shipments.nextPollAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    await tx
      .update(shipments)
      .set({ nextPollAt: new Date(now.getTime() + leaseMs) })
      .where(sql`${shipments.id} = any(${sql.param(due.map((row) => row.id))}::uuid[])`);
    return due;
  });
}

/** Polling with backoff: a courier answer resets it, a failure doubles the wait up to `maxMs`. */
export interface PollSchedule {
  intervalMs: number;
  maxBackoffMs: number;
}

/** The tracker answered: apply its events and schedule the next poll (none once delivered). */
export async function applyPollResult(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  shipmentId: string,
  events: readonly CourierEvent[],
  schedule: PollSchedule,
): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [shipment] = await tx.select().from(shipments).where(eq(shipments.id, shipmentId)).for('update');
    if (!shipment) return 0;
    const { recorded, shipment: after } = await applyCourierEvents(tx, shipment, events, now);
    const done = after.status === 'delivered' || after.status === 'cancelled';
    await tx
      .update(shipments)
      .set({ pollFailures: 0, nextPollAt: done ? null : new Date(now.getTime() + schedule.intervalMs) })
      .where(eq(shipments.id, shipmentId));
    return recorded;
  });
}

/** The tracker failed (an outage, a timeout): try again later, later each time. */
export async function deferPoll(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  shipment: ShipmentRow,
  schedule: PollSchedule,
) {
  const failures = shipment.pollFailures + 1;
  const waitMs = Math.min(schedule.intervalMs * 2 ** failures, schedule.maxBackoffMs);
  await ctx.db
    .update(shipments)
    .set({ pollFailures: failures, nextPollAt: new Date(ctx.clock.now().getTime() + waitMs) })
    .where(eq(shipments.id, shipment.id));
}

/** A webhook said the courier has news: poll this shipment now (the webhook's body is never trusted). */
export async function pollSoon(ctx: Pick<DomainContext, 'db' | 'clock'>, carrierId: string, trackingNumber: string) {
  const updated = await ctx.db
    .update(shipments)
    .set({ nextPollAt: ctx.clock.now(), pollFailures: 0 })
    .where(
      and(
        sql`${shipments.carrierId} = ${carrierId}`,
        eq(shipments.trackingNumber, trackingNumber),
        notInArray(shipments.status, ['delivered', 'cancelled']),
      ),
    )
    .returning({ id: shipments.id });
  return updated.length;
}

/** Shipments past their promise and not delivered: ShipmentLate, once each. */
export async function announceLateShipments(ctx: Pick<DomainContext, 'db' | 'clock'>, limit = 100): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const late = await tx
      .select()
      .from(shipments)
      .where(
        and(
          lte(shipments.promisedBy, now),
          isNull(shipments.lateAt),
          notInArray(shipments.status, ['delivered', 'cancelled']),
        ),
      )
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const shipment of late) {
      await tx.update(shipments).set({ lateAt: now, updatedAt: now }).where(eq(shipments.id, shipment.id));
      await publishLogisticsEvent(tx, {
        type: 'ShipmentLate',
        aggregateId: shipment.id,
        occurredAt: now,
        data: {
          shipmentId: shipment.id,
          bookingId: shipment.bookingId,
          orderId: shipment.orderId,
          fulfilmentId: shipment.fulfilmentId,
          farmId: shipment.farmId,
          promisedBy: shipment.promisedBy.toISOString(),
          detectedAt: now.toISOString(),
        },
      });
    }
    return late.length;
  });
}
