import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { orderTrackingSchema } from '../contract/tracking.ts';
import { announceLateShipments } from '../domain/shipments/apply-tracking.ts';
import { call, createHarness, type LogisticsHarness, outboxTypes, seedShipment } from '../testing/harness.ts';
import { type StandInTracker, startStandInTracker } from '../tracker-stand-in/stand-in-tracker.ts';
import { pollTrackingOnce, type TrackingPollOptions } from './poll-tracking.ts';
import { createTrackerClient } from './tracker-client.ts';

// The stand-in tracker is a real HTTP server speaking tracker.delivery's GraphQL; its clock
// moves one courier step per hour, on `advance`. The poll runs as the runner's sweep would.
let h: LogisticsHarness;
let tracker: StandInTracker;
let poll: TrackingPollOptions;
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  h = await createHarness('logistics-tracking');
  // The courier's first scan comes a minute after the farmer's hand-over.
  tracker = await startStandInTracker({ stepMs: HOUR, clockStart: new Date(h.clock.now().getTime() + 60_000) });
  poll = {
    tracker: createTrackerClient({ url: tracker.graphqlUrl, timeoutMs: 2_000 }),
    schedule: { intervalMs: 60_000, maxBackoffMs: 8 * 60_000 },
    batchSize: 50,
    concurrency: 4,
    logger: h.logs.logger,
  };
});
afterAll(async () => {
  await tracker.close();
  await h.close();
});

async function shipped(farmId: string, trackingNumber: string) {
  const seeded = await seedShipment(h, farmId);
  const response = await call(h, 'POST', `/v1/farms/${farmId}/shipments/${seeded.shipmentId}/ship`, {
    token: await h.signer.farmer([farmId]),
    body: { carrierId: 'kr.cjlogistics', trackingNumber },
  });
  expect(response.status).toBe(200);
  return seeded;
}

const statusOf = async (shipmentId: string) =>
  (await h.owner<{ status: string }[]>`select status from logistics.shipments where id = ${shipmentId}`)[0]?.status;

// Each test starts at the harness's Tuesday morning again (bookings need its dates).
let moved = 0;
afterEach(() => {
  h.clock.advance(-moved);
  moved = 0;
});

/** Moves both clocks on and runs one poll pass. */
async function later(ms: number) {
  await tracker.advance(ms);
  h.clock.advance(ms);
  moved += ms;
  await pollTrackingOnce(h.ctx, poll);
}

describe('courier tracking', () => {
  it('follows the courier to delivery, normalised, with each event once, ShipmentDelivered at the end', async () => {
    const farmId = crypto.randomUUID();
    const { shipmentId, orderId, shopperId } = await shipped(farmId, '640100000101');
    await pollTrackingOnce(h.ctx, poll);
    expect(await statusOf(shipmentId)).toBe('at_pickup');
    await later(HOUR + 1);
    expect(await statusOf(shipmentId)).toBe('in_transit');
    await later(2 * HOUR);
    expect(await statusOf(shipmentId)).toBe('out_for_delivery');
    await later(HOUR);
    expect(await statusOf(shipmentId)).toBe('delivered');
    // Delivered: no more polling.
    const [row] = await h.owner<{ next_poll_at: Date | null }[]>`
      select next_poll_at from logistics.shipments where id = ${shipmentId}`;
    expect(row?.next_poll_at).toBeNull();
    expect(await outboxTypes(h)).toContain('ShipmentDelivered');

    const tracking = await call(h, 'GET', `/v1/orders/${orderId}/tracking`, {
      token: await h.signer.shopper({ sub: shopperId }),
    });
    expect(tracking.status).toBe(200);
    const [shipment] = tracking.parse(orderTrackingSchema).shipments;
    expect(shipment).toMatchObject({ status: 'delivered', statusLabel: '배송 완료', trackingNumber: '640100000101' });
    expect(shipment?.events.map((event) => event.status)).toEqual([
      'at_pickup',
      'at_pickup',
      'in_transit',
      'in_transit',
      'out_for_delivery',
      'delivered',
    ]);
    expect(shipment?.events.at(-1)?.description).toContain('배송완료');
  });

  it('loses no status through a courier outage: backs off, then catches up in order', async () => {
    const farmId = crypto.randomUUID();
    const { shipmentId } = await shipped(farmId, '640100000202');
    await pollTrackingOnce(h.ctx, poll);
    tracker.setOutage(true);
    try {
      await later(HOUR + 1);
      const [failed] = await h.owner<{ poll_failures: number; next_poll_at: Date }[]>`
        select poll_failures, next_poll_at from logistics.shipments where id = ${shipmentId}`;
      expect(failed?.poll_failures).toBe(1);
      // Backoff: the next poll waits twice the interval.
      expect(failed?.next_poll_at.getTime()).toBe(h.clock.now().getTime() + 120_000);
      await later(3 * HOUR);
      expect(await statusOf(shipmentId)).toBe('at_pickup');
    } finally {
      tracker.setOutage(false);
    }
    await later(10 * 60_000);
    expect(await statusOf(shipmentId)).toBe('delivered');
    const changes = await h.owner<{ status: string }[]>`
      select envelope->'data'->>'status' as status from logistics.outbox
      where envelope->>'type' = 'ShipmentStatusChanged' and envelope->'data'->>'shipmentId' = ${shipmentId}
      order by seq`;
    expect(changes.map((change) => change.status)).toEqual([
      'at_pickup',
      'in_transit',
      'out_for_delivery',
      'delivered',
    ]);
  });

  it('announces a shipment late once its promise has passed', async () => {
    const farmId = crypto.randomUUID();
    const { shipmentId } = await seedShipment(h, farmId);
    h.clock.advance(3 * 24 * HOUR);
    try {
      expect(await announceLateShipments(h.ctx)).toBeGreaterThanOrEqual(1);
      expect(await announceLateShipments(h.ctx)).toBe(0);
    } finally {
      h.clock.advance(-3 * 24 * HOUR);
    }
    const [late] = await h.owner<{ n: number }[]>`
      select count(*)::int as n from logistics.outbox
      where envelope->>'type' = 'ShipmentLate' and envelope->'data'->>'shipmentId' = ${shipmentId}`;
    expect(late?.n).toBe(1);
  });

  it('shows an order only to its shopper (and admins)', async () => {
    const farmId = crypto.randomUUID();
    const { orderId } = await seedShipment(h, farmId);
    const stranger = await call(h, 'GET', `/v1/orders/${orderId}/tracking`, { token: await h.signer.shopper() });
    expect(stranger.status).toBe(404);
    const admin = await call(h, 'GET', `/v1/orders/${orderId}/tracking`, { token: await h.signer.admin() });
    expect(admin.status).toBe(200);
  });

  it('a webhook only makes the next poll due now', async () => {
    const farmId = crypto.randomUUID();
    const { shipmentId } = await shipped(farmId, '640100000303');
    await pollTrackingOnce(h.ctx, poll);
    const response = await call(h, 'POST', '/v1/webhooks/tracker', {
      body: { carrierId: 'kr.cjlogistics', trackingNumber: '640100000303' },
    });
    expect(response.status).toBe(202);
    expect(response.json).toEqual({ scheduled: 1 });
    const [row] = await h.owner<{ next_poll_at: Date }[]>`
      select next_poll_at from logistics.shipments where id = ${shipmentId}`;
    expect(row?.next_poll_at.getTime()).toBe(h.clock.now().getTime());
  });
});
