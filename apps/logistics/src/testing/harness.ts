import { postgresReadiness } from '@fruitables/db';
import { redisReadiness } from '@fruitables/kit';
import { createServiceHarness, type ServiceHarness, type TestResponse, type TestSigner } from '@fruitables/kit/testing';
import { logisticsTables } from '@fruitables/schema-logistics';
import { createApp } from '../app.ts';
import { BOOKINGS_SCOPE, LOGISTICS_AUDIENCE } from '../contract/promise.ts';
import type { DeliveryPolicy, DomainContext } from '../domain/context.ts';
import type { LogisticsApp } from '../routes/deps.ts';

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
  horizonDays: 21,
};

/** What logistics adds to the kit harness: its app and domain context. */
interface LogisticsParts {
  app: LogisticsApp;
  ctx: DomainContext;
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
        bodyLimitBytes: 256 * 1024,
        requestTimeoutMs: 30_000,
      });
      return { app, ctx };
    },
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
