import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RedisClient } from '@fruitables/bus';
import { createServiceTestbed } from '@fruitables/bus/testing';
import { newId } from '@fruitables/core';
import { createTestClock, type TestClock } from '@fruitables/core/testing';
import { type Postgres, postgresReadiness } from '@fruitables/db';
import type { TestDatabase } from '@fruitables/db/testing';
import { createLifecycle, createMetricsRegistry, redisReadiness, runningReadiness } from '@fruitables/kit';
import { type CapturedLogger, captureLogger, createTestSigner, type TestSigner } from '@fruitables/kit/testing';
import { catalogTables, farms } from '@fruitables/schema-catalog';
import type postgres from 'postgres';
import type { Registry } from 'prom-client';
import { createApp } from '../app.ts';
import { type BatchJobs, createBatchJobs } from '../batches/batch-job.ts';
import { CATALOG_AUDIENCE, HOLDS_SCOPE } from '../contract/internal-holds.ts';
import type { CatalogDb, DomainContext, StockPolicy } from '../domain/context.ts';
import { createFsPhotoStore } from '../photos/fs-photo-store.ts';
import type { PhotoStore } from '../photos/photo-store.ts';
import type { CatalogApp } from '../routes/deps.ts';

export { createTestClock, type TestClock };

export const TEST_STOCK_POLICY: StockPolicy = { defaultMaxAgeDays: 30, holdTtlSeconds: 900 };

/** Everything one test file needs: its own database, the real app on it, Redis, a signer, a movable clock. */
export interface CatalogHarness {
  app: CatalogApp;
  database: TestDatabase;
  sql: Postgres;
  db: CatalogDb;
  /** The database owner, for raw SQL checks (and for writes the service role could also make). */
  owner: postgres.Sql;
  redis: RedisClient;
  clock: TestClock;
  logs: CapturedLogger;
  /** The app's metrics (the runner serves them on METRICS_PORT; tests read them with `metricsHandler`). */
  registry: Registry;
  signer: TestSigner;
  ctx: DomainContext;
  /** The app's background batch imports; `drain()` waits for them. */
  batchJobs: BatchJobs;
  /** The app's photo store: files in `photoDir`, a temporary directory removed by close(). */
  photos: PhotoStore;
  photoDir: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  poolMax?: number;
  /** Random delay per chunk between the service and PostgreSQL, to widen race windows. */
  latency?: { minMs: number; maxMs: number };
  /** What readiness asks about the FarmerVerified consumer; none by default. */
  consumer?: { isRunning(): boolean };
  /** Where the test clock starts (default: now), for tests whose fixtures carry fixed dates. */
  clockStart?: Date;
}

export async function createHarness(label: string, options: HarnessOptions = {}): Promise<CatalogHarness> {
  const testbed = await createServiceTestbed({
    label,
    context: 'catalog',
    tables: catalogTables,
    ...(options.poolMax ? { poolMax: options.poolMax } : {}),
    ...(options.latency ? { latency: options.latency } : {}),
  });
  const { sql, db, redis } = testbed;
  const clock = createTestClock(options.clockStart);
  const logs = captureLogger('catalog');
  const batchJobs = createBatchJobs({ db, logger: logs.logger, clock });
  const photoDir = mkdtempSync(join(tmpdir(), `catalog-photos-${label}-`));
  const photos = createFsPhotoStore(photoDir);
  const signer = await createTestSigner({ clock });
  const registry = createMetricsRegistry('catalog');
  const { consumer } = options;
  const readiness = [
    postgresReadiness(sql),
    redisReadiness(redis),
    ...(consumer ? [runningReadiness('farm-events consumer', consumer)] : []),
  ];
  const app = createApp({
    db,
    redis,
    clock,
    logger: logs.logger,
    registry,
    lifecycle: createLifecycle(),
    keys: signer.keys,
    issuer: 'fruitables-identity',
    audience: 'fruitables',
    stock: TEST_STOCK_POLICY,
    readiness,
    bodyLimitBytes: 64 * 1024,
    requestTimeoutMs: 30_000,
    batchJobs,
    photos,
  });
  return {
    ...testbed,
    async close() {
      await batchJobs.drain();
      await testbed.close();
      rmSync(photoDir, { recursive: true, force: true });
    },
    batchJobs,
    photos,
    photoDir,
    app,
    registry,
    clock,
    logs,
    signer,
    ctx: { db, clock, logger: logs.logger, stock: TEST_STOCK_POLICY },
  };
}

/** A farm as FarmerVerified would create it, with a farmer token for it. */
export async function seedFarm(
  h: CatalogHarness,
  name = '햇살농원',
): Promise<{ farmId: string; accountId: string; token: string }> {
  const farmId = newId();
  const accountId = newId();
  await h.db.insert(farms).values({ id: farmId, name });
  return { farmId, accountId, token: await h.signer.farmer([farmId], { sub: accountId }) };
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request through the real app. */
export async function call(h: CatalogHarness, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return h.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
}

export async function bodyOf<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Creates a published product and offer on the farm through the API, and returns their ids. */
export async function seedOffer(
  h: CatalogHarness,
  farm: { farmId: string; token: string },
  overrides: { fruit?: string; variety?: string; grade?: string; priceKrw?: number; perOrderLimit?: number } = {},
): Promise<{ productId: string; offerId: string }> {
  const product = await call(h, 'POST', `/v1/farms/${farm.farmId}/products`, {
    token: farm.token,
    body: { fruit: overrides.fruit ?? '사과', variety: overrides.variety ?? '부사', published: true },
  });
  if (product.status !== 201) throw new Error(`product: ${product.status} ${await product.text()}`);
  const { id: productId } = await bodyOf<{ id: string }>(product);
  const offer = await call(h, 'POST', `/v1/farms/${farm.farmId}/products/${productId}/offers`, {
    token: farm.token,
    body: {
      grade: overrides.grade ?? '특',
      packKg: 5,
      priceKrw: overrides.priceKrw ?? 39000,
      published: true,
      ...(overrides.perOrderLimit === undefined ? {} : { perOrderLimit: overrides.perOrderLimit }),
    },
  });
  if (offer.status !== 201) throw new Error(`offer: ${offer.status} ${await offer.text()}`);
  const { id: offerId } = await bodyOf<{ id: string }>(offer);
  return { productId, offerId };
}

/** Publishes a lot through the API. */
export async function seedLot(
  h: CatalogHarness,
  farm: { farmId: string; token: string },
  offerId: string,
  lot: { lotCode: string; harvestedOn: string; boxesHarvested: number; brix?: number },
): Promise<string> {
  const response = await call(h, 'POST', `/v1/farms/${farm.farmId}/offers/${offerId}/lots`, {
    token: farm.token,
    body: lot,
  });
  if (response.status !== 201) throw new Error(`lot: ${response.status} ${await response.text()}`);
  return (await bodyOf<{ id: string }>(response)).id;
}

/** A Seoul calendar day `daysAgo` before the harness clock's today. */
export function daysAgo(h: CatalogHarness, days: number): string {
  const today = new Date(
    `${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(h.clock.now())}T00:00:00Z`,
  );
  today.setUTCDate(today.getUTCDate() - days);
  return today.toISOString().slice(0, 10);
}

/** The types of the events in catalog's outbox, in publish order. */
export async function outboxTypes(h: CatalogHarness): Promise<string[]> {
  const rows = await h.owner<{ type: string }[]>`select envelope->>'type' as type from catalog.outbox order by seq`;
  return rows.map((row) => row.type);
}

/** What orders calls catalog's hold routes with: a service token for catalog with the holds scope. */
export const ordersServiceToken = (signer: TestSigner): Promise<string> =>
  signer.service('orders', { aud: CATALOG_AUDIENCE, scope: HOLDS_SCOPE });
