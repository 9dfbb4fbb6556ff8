import { buildEnvelope, createBusMetrics, ENVELOPE_FIELD } from '@fruitables/bus';
import { testRedisUrl, uniqueStreamPrefix } from '@fruitables/bus/testing';
import { newId } from '@fruitables/core';
import { waitFor } from '@fruitables/core/testing';
import { type PlatformEventType, platformCatalogue } from '@fruitables/events';
import { createMetricsRegistry } from '@fruitables/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingSchema } from './contract/internal-bookings.ts';
import { createOrderEventsConsumer } from './order-events.ts';
import {
  bookingRequest,
  call,
  createHarness,
  type LogisticsHarness,
  ordersServiceToken,
  outboxTypes,
} from './testing/harness.ts';

let h: LogisticsHarness;
let service: string;
const stream = `${uniqueStreamPrefix('logistics')}:orders.events`;
let consumer: ReturnType<typeof createOrderEventsConsumer>;

beforeAll(async () => {
  h = await createHarness('logistics-order-events');
  service = await ordersServiceToken(h.signer);
  consumer = createOrderEventsConsumer({
    redis: { url: testRedisUrl() },
    db: h.db,
    logger: h.logs.logger,
    metrics: createBusMetrics(createMetricsRegistry('logistics')),
    consumerName: 'test',
    stream,
    blockMs: 100,
  });
  await consumer.start();
});
afterAll(async () => {
  await consumer.stop();
  await h.close();
});

/** Sends an orders event (twice: the relay is at-least-once) and waits until it was applied. */
async function deliver(type: PlatformEventType, aggregateId: string, data: unknown) {
  const envelope = buildEnvelope(platformCatalogue, { type, aggregateId, data } as never, 'orders');
  for (let copy = 0; copy < 2; copy++) await h.redis.xAdd(stream, '*', { [ENVELOPE_FIELD]: JSON.stringify(envelope) });
  await waitFor(`${type} applied`, async () => {
    const [row] = await h.owner<{ n: number }[]>`
      select count(*)::int as n from logistics.inbox where event_id = ${envelope.id}`;
    return row?.n === 1 && (await h.redis.xPending(stream, 'logistics')).pending === 0;
  });
}

async function bookAndConfirm(farmId: string, orderId: string, shopperId: string) {
  const booking = (
    await call(h, 'POST', '/internal/v1/bookings', {
      token: service,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: bookingRequest(farmId, '2026-12-09', { boxes: 2, orderId, shopperId }),
    })
  ).parse(bookingSchema);
  await call(h, 'POST', `/internal/v1/bookings/${booking.id}/confirm`, { token: service });
  return booking;
}

const fulfilmentEvent = (
  booking: { id: string; orderId: string; fulfilmentId: string; farmId: string },
  shopperId: string,
  status: string,
  previousStatus: string,
) => ({
  orderId: booking.orderId,
  fulfilmentId: booking.fulfilmentId,
  farmId: booking.farmId,
  shopperId,
  bookingId: booking.id,
  previousStatus,
  status,
  reason: status === 'cancelled' ? 'shopper_cancelled' : null,
  changedAt: h.clock.now().toISOString(),
});

describe('orders events', () => {
  it('OrderPaid stores what is in the boxes; preparing marks packing; cancelled cancels the shipment and gives the places back', async () => {
    const farmId = newId();
    const orderId = newId();
    const shopperId = newId();
    const booking = await bookAndConfirm(farmId, orderId, shopperId);
    const lotId = newId();
    await deliver('OrderPaid', orderId, {
      orderId,
      orderNumber: '20261208-0001',
      shopperId,
      amount: 42_000,
      paymentKey: 'pay_test',
      fulfilments: [
        {
          fulfilmentId: booking.fulfilmentId,
          farmId,
          deliveryDate: booking.deliveryDate,
          bookingId: booking.id,
          goodsAmount: 39_000,
          deliveryFee: 3_000,
          lines: [
            {
              lineId: newId(),
              offerId: newId(),
              productId: newId(),
              title: '성주 꿀참외 특 2kg',
              quantity: 2,
              unitPrice: 19_500,
              cropFailurePolicy: 'refund',
              lots: [{ lotId, lotCode: 'SJ-1208-A', quantity: 2 }],
            },
          ],
        },
      ],
      paidAt: h.clock.now().toISOString(),
    });
    const [stored] = await h.owner<{ contents: { orderNumber: string; lines: { title: string }[] } }[]>`
      select contents from logistics.bookings where id = ${booking.id}`;
    expect(stored?.contents.orderNumber).toBe('20261208-0001');
    expect(stored?.contents.lines[0]?.title).toBe('성주 꿀참외 특 2kg');

    // A shortage substituted by the next grade: the packing list prints the new content.
    const substituteLot = newId();
    await deliver('FulfilmentContentsChanged', orderId, {
      orderId,
      orderNumber: '20261208-0001',
      fulfilmentId: booking.fulfilmentId,
      farmId,
      bookingId: booking.id,
      lines: [
        {
          lineId: newId(),
          offerId: newId(),
          productId: newId(),
          title: '성주 꿀참외 상 2kg',
          quantity: 2,
          unitPrice: 17_000,
          cropFailurePolicy: 'substitute',
          lots: [{ lotId: substituteLot, lotCode: 'SJ-1208-B', quantity: 2 }],
        },
      ],
      changedAt: h.clock.now().toISOString(),
    });
    const [changed] = await h.owner<{ contents: { lines: { title: string; lots: { lotCode: string }[] }[] } }[]>`
      select contents from logistics.bookings where id = ${booking.id}`;
    expect(changed?.contents.lines.map((line) => [line.title, line.lots[0]?.lotCode])).toEqual([
      ['성주 꿀참외 상 2kg', 'SJ-1208-B'],
    ]);

    await deliver('FulfilmentStatusChanged', orderId, fulfilmentEvent(booking, shopperId, 'preparing', 'paid'));
    const [packing] = await h.owner<{ packing_started_at: Date | null }[]>`
      select packing_started_at from logistics.shipments where booking_id = ${booking.id}`;
    expect(packing?.packing_started_at).not.toBeNull();

    await deliver('FulfilmentStatusChanged', orderId, fulfilmentEvent(booking, shopperId, 'cancelled', 'preparing'));
    const [shipment] = await h.owner<{ status: string }[]>`
      select status from logistics.shipments where booking_id = ${booking.id}`;
    expect(shipment?.status).toBe('cancelled');
    const [counter] = await h.owner<{ booked: number }[]>`
      select booked from logistics.farm_day_counters where farm_id = ${farmId}`;
    expect(counter?.booked).toBe(0);
    expect(await outboxTypes(h)).toContain('ShipmentStatusChanged');
  });

  it('OrderCancelled releases the order’s bookings still held', async () => {
    const farmId = newId();
    const orderId = newId();
    const shopperId = newId();
    const held = (
      await call(h, 'POST', '/internal/v1/bookings', {
        token: service,
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: bookingRequest(farmId, '2026-12-10', { orderId, shopperId }),
      })
    ).parse(bookingSchema);
    await deliver('OrderCancelled', orderId, {
      orderId,
      shopperId,
      reason: 'payment_expired',
      wasPaid: false,
      cancelledAt: h.clock.now().toISOString(),
    });
    const [row] = await h.owner<{ status: string }[]>`select status from logistics.bookings where id = ${held.id}`;
    expect(row?.status).toBe('released');
  });
});
