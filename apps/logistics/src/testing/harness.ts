import { postgresReadiness } from '@fruitables/db';
import { redisReadiness } from '@fruitables/kit';
import { createServiceHarness, type ServiceHarness, type TestResponse, type TestSigner } from '@fruitables/kit/testing';
import { bookings, logisticsTables, shipments } from '@fruitables/schema-logistics';
import { eq } from 'drizzle-orm';
import { createApp } from '../app.ts';
import { BOOKINGS_SCOPE, LOGISTICS_AUDIENCE } from '../contract/promise.ts';
import type { DeliveryPolicy, DomainContext } from '../domain/context.ts';
import type { LogisticsApp } from '../routes/deps.ts';
import { createLiveFeed, type LiveFeed } from '../tracking/live-feed.ts';

export { createTestClock, type TestClock } from '@fruitables/core/testing';

export const TEST_POLICY: DeliveryPolicy = {
  defaultFarm: {
    dispatchWeekdays: [1, 2, 3, 4, 5],
    cutoffMinutes: 14 * 60,
    dailyCapacity: 100,
    baseFee: 3_000,
    freeFrom: 30_000,
  },
  hubDawnCapacity: 2_000,
  hubId: 'seoul',
  surcharges: { jeju: 3_000, remote: 5_000 },
  bookingTtlSeconds: 900,
  choices: 7,
  horizonDays: 42,
};

/** Where the labels' QR codes point in tests. */
export const TEST_SHOP_URL = 'https://shop.test';

/** What logistics adds to the kit harness: its app and domain context. */
interface LogisticsParts {
  app: LogisticsApp;
  ctx: DomainContext;
  liveFeed: LiveFeed;
}

export type LogisticsHarness = ServiceHarness<typeof logisticsTables, LogisticsParts>;

export interface HarnessOptions {
  poolMax?: number;
  /** Random delay per chunk between the service and PostgreSQL, to widen race windows. */
  latency?: { minMs: number; maxMs: number };
  /** Where the test clock starts (default: a Tuesday morning, 2026-12-08 10:00 Seoul). */
  clockStart?: Date;
  policy?: Partial<DeliveryPolicy>;
}

/** Tuesday 8 December 2026, 10:00 in Seoul: every test knows its weekday. */
export const A_TUESDAY_MORNING = new Date('2026-12-08T01:00:00Z');

export function createHarness(label: string, options: HarnessOptions = {}): Promise<LogisticsHarness> {
  const policy = { ...TEST_POLICY, ...options.policy };
  return createServiceHarness({
    label,
    service: 'logistics',
    tables: logisticsTables,
    clockStart: options.clockStart ?? A_TUESDAY_MORNING,
    ...(options.poolMax === undefined ? {} : { poolMax: options.poolMax }),
    ...(options.latency === undefined ? {} : { latency: options.latency }),
    build: ({ sql, db, redis, clock, logs, registry, lifecycle, signer }): LogisticsParts => {
      const ctx: DomainContext = { db, clock, logger: logs.logger, policy };
      const liveFeed = createLiveFeed({ db, logger: logs.logger, intervalMs: 50 });
      const app = createApp({
        db,
        redis,
        clock,
        logger: logs.logger,
        registry,
        lifecycle,
        keys: signer.keys,
        readiness: [postgresReadiness(sql), redisReadiness(redis)],
        issuer: 'fruitables-identity',
        audience: 'fruitables',
        policy,
        liveFeed,
        streamHeartbeatMs: 200,
        shopUrl: TEST_SHOP_URL,
        bodyLimitBytes: 256 * 1024,
        requestTimeoutMs: 30_000,
      });
      return { app, ctx, liveFeed };
    },
    beforeClose: ({ liveFeed }) => liveFeed.stop(),
  });
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Shorthand for `h.client.request(method, path, { json, token, headers })`. */
export function call(
  h: LogisticsHarness,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<TestResponse> {
  return h.client.request(method, path, {
    ...(options.token === undefined ? {} : { token: options.token }),
    ...(options.body === undefined ? {} : { json: options.body }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
}

/** What orders calls logistics' booking routes with: a service token for logistics with the bookings scope. */
export const ordersServiceToken = (signer: TestSigner): Promise<string> =>
  signer.service('orders', { aud: LOGISTICS_AUDIENCE, scope: BOOKINGS_SCOPE });

/** A booking request body for a farm and date, to a Seoul address unless told otherwise. */
export function bookingRequest(
  farmId: string,
  deliveryDate: string,
  overrides: { boxes?: number; postcode?: string; shopperId?: string; orderId?: string } = {},
) {
  return {
    orderId: overrides.orderId ?? crypto.randomUUID(),
    fulfilmentId: crypto.randomUUID(),
    shopperId: overrides.shopperId ?? crypto.randomUUID(),
    farmId,
    deliveryDate,
    boxes: overrides.boxes ?? 1,
    recipient: {
      name: '김민지',
      phone: '010-1234-5678',
      postcode: overrides.postcode ?? '06236',
      address1: '서울특별시 강남구 테헤란로 123',
      address2: '4층 401호',
      deliveryNote: null,
    },
  };
}

/** The types of the events in logistics' outbox, in publish order. */
export async function outboxTypes(h: LogisticsHarness): Promise<string[]> {
  const rows = await h.owner<{ type: string }[]>`select envelope->>'type' as type from logistics.outbox order by seq`;
  return rows.map((row) => row.type);
}

/**
 * A paid fulfilment as the checkout and OrderPaid leave it: a booking made through the API,
 * confirmed (so its shipment exists) and with its contents stored, for the farmer routes' tests.
 */
export async function seedShipment(
  h: LogisticsHarness,
  farmId: string,
  options: { deliveryDate?: string; boxes?: number; orderNumber?: string; lotCode?: string; title?: string } = {},
): Promise<{ bookingId: string; shipmentId: string; orderId: string; shopperId: string; orderNumber: string }> {
  const token = await ordersServiceToken(h.signer);
  const shopperId = crypto.randomUUID();
  const body = bookingRequest(farmId, options.deliveryDate ?? '2026-12-09', { boxes: options.boxes ?? 1, shopperId });
  const created = await call(h, 'POST', '/internal/v1/bookings', {
    token,
    headers: { 'idempotency-key': crypto.randomUUID() },
    body,
  });
  if (created.status !== 201) throw new Error(`booking: ${created.status} ${created.text}`);
  const bookingId = (created.json as { id: string }).id;
  const confirmed = await call(h, 'POST', `/internal/v1/bookings/${bookingId}/confirm`, { token });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${confirmed.text}`);
  const orderNumber = options.orderNumber ?? `20261208-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  await h.db
    .update(bookings)
    .set({
      contents: {
        orderNumber,
        lines: [
          {
            lineId: crypto.randomUUID(),
            productId: '0196f0c2-7b3a-7c1e-8f00-0000000000a1',
            title: options.title ?? '성주 꿀참외 특 2kg',
            quantity: options.boxes ?? 1,
            lots: [
              { lotId: crypto.randomUUID(), lotCode: options.lotCode ?? 'SJ-1208-A', quantity: options.boxes ?? 1 },
            ],
          },
        ],
      },
    })
    .where(eq(bookings.id, bookingId));
  const [shipment] = await h.db.select({ id: shipments.id }).from(shipments).where(eq(shipments.bookingId, bookingId));
  if (!shipment) throw new Error('no shipment after confirm');
  return { bookingId, shipmentId: shipment.id, orderId: body.orderId, shopperId, orderNumber };
}
