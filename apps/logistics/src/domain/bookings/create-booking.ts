import { newId } from '@fruitables/core';
import { type BookingRecipient, bookings } from '@fruitables/schema-logistics';
import { eq } from 'drizzle-orm';
import { areaOfPostcode } from '../areas/area-of-postcode.ts';
import { createDeliveryCalendar } from '../calendar/delivery-calendar.ts';
import { seoulDateOf } from '../calendar/seoul-days.ts';
import type { DomainContext, LogisticsDb } from '../context.ts';
import { areaUnserved, dateFull, dateUnavailable, idempotencyKeyReused } from '../errors.ts';
import { loadPromiseInputs } from '../promise/load-promise-inputs.ts';
import { planFarmPromise } from '../promise/plan-farm-promise.ts';
import { type BookingView, bookingViewColumns } from './booking-views.ts';
import { bookFarmDay, bookHubDay } from './day-counters.ts';

export interface BookingRequest {
  orderId: string;
  fulfilmentId: string;
  shopperId: string;
  farmId: string;
  deliveryDate: string;
  boxes: number;
  recipient: BookingRecipient;
  ttlSeconds?: number | undefined;
}

/** The request in a fixed field order, so the same body hashes the same however it was sent. */
async function requestHash(request: BookingRequest): Promise<string> {
  const { recipient } = request;
  const canonical = [
    request.orderId,
    request.fulfilmentId,
    request.shopperId,
    request.farmId,
    request.deliveryDate,
    request.boxes,
    request.ttlSeconds ?? null,
    [
      recipient.name,
      recipient.phone,
      recipient.postcode,
      recipient.address1,
      recipient.address2,
      recipient.deliveryNote,
    ],
  ];
  const bytes = new TextEncoder().encode(JSON.stringify(canonical));
  return Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

/** The booking made under this key before, if any; a different body under the same key is refused. */
async function replayed(db: LogisticsDb, idempotencyKey: string, hash: string): Promise<BookingView | undefined> {
  const [existing] = await db
    .select({ ...bookingViewColumns, requestHash: bookings.requestHash })
    .from(bookings)
    .where(eq(bookings.idempotencyKey, idempotencyKey));
  if (!existing) return undefined;
  if (existing.requestHash !== hash) throw idempotencyKeyReused();
  const { requestHash: _, ...view } = existing;
  return view;
}

/**
 * Holds a delivery date for one fulfilment at checkout: the date must be one the promise
 * offers now (same planner, same calendar), and the farm's packing day and, for dawn, the
 * hub's run must still have room. The counters are raised by conditional upserts in the
 * booking's transaction: a full day refuses with `date_full` and nothing is written. The
 * same Idempotency-Key answers the same booking, even after the date has gone.
 */
export async function createBooking(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'policy'>,
  idempotencyKey: string,
  request: BookingRequest,
): Promise<{ booking: BookingView; created: boolean }> {
  const hash = await requestHash(request);
  const before = await replayed(ctx.db, idempotencyKey, hash);
  if (before) return { booking: before, created: false };

  const now = ctx.clock.now();
  const area = areaOfPostcode(request.recipient.postcode, ctx.policy.surcharges);
  if (!area.served) throw areaUnserved(area.reason);
  const inputs = await loadPromiseInputs(ctx.db, ctx.policy, [request.farmId], seoulDateOf(now));
  const farm = inputs.rules.get(request.farmId) ?? { farmId: request.farmId, ...ctx.policy.defaultFarm };
  const plan = planFarmPromise({
    now,
    area,
    farm,
    boxes: request.boxes,
    calendar: createDeliveryCalendar(inputs.closures),
    capacity: inputs.capacity,
    choices: ctx.policy.choices,
    horizonDays: ctx.policy.horizonDays,
  });
  const option = plan.dates.find((candidate) => candidate.date === request.deliveryDate);
  if (!option) throw dateUnavailable(request.deliveryDate);
  const dawn = area.area === 'dawn';
  const ttlSeconds = request.ttlSeconds ?? ctx.policy.bookingTtlSeconds;

  return ctx.db.transaction(async (tx) => {
    // A concurrent request with the same key waits here for the first to commit or roll back.
    const [inserted] = await tx
      .insert(bookings)
      .values({
        id: newId(),
        idempotencyKey,
        requestHash: hash,
        orderId: request.orderId,
        fulfilmentId: request.fulfilmentId,
        shopperId: request.shopperId,
        farmId: request.farmId,
        area: area.area,
        hubId: dawn ? ctx.policy.hubId : null,
        deliveryDate: option.date,
        dispatchDate: option.dispatchDate,
        promisedBy: option.promisedBy,
        boxes: request.boxes,
        surcharge: area.surcharge,
        recipient: request.recipient,
        expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
        createdAt: now,
      })
      .onConflictDoNothing({ target: bookings.idempotencyKey })
      .returning(bookingViewColumns);
    if (!inserted) {
      const existing = await replayed(tx, idempotencyKey, hash);
      if (!existing) throw idempotencyKeyReused();
      return { booking: existing, created: false };
    }
    // Farm before hub, always (see day-counters.ts). Throwing rolls the booking row back too.
    if (!(await bookFarmDay(tx, request.farmId, option.dispatchDate, request.boxes, farm.dailyCapacity))) {
      throw dateFull(option.date);
    }
    if (dawn) {
      const capacity = inputs.capacity.hubCapacity(option.date);
      if (!(await bookHubDay(tx, ctx.policy.hubId, option.date, request.boxes, capacity))) throw dateFull(option.date);
    }
    return { booking: inserted, created: true };
  });
}
