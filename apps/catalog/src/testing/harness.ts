import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@fruitables/core';
import { postgresReadiness } from '@fruitables/db';
import { redisReadiness, runningReadiness } from '@fruitables/kit';
import { createServiceHarness, type ServiceHarness, type TestResponse, type TestSigner } from '@fruitables/kit/testing';
import { catalogTables, farms } from '@fruitables/schema-catalog';
import { z } from 'zod';
import { createApp } from '../app.ts';
import { type BatchJobs, createBatchJobs } from '../batches/batch-job.ts';
import { CATALOG_AUDIENCE, HOLDS_SCOPE } from '../contract/internal-holds.ts';
import type { DomainContext, StockPolicy } from '../domain/context.ts';
import { createFsPhotoStore } from '../photos/fs-photo-store.ts';
import type { PhotoStore } from '../photos/photo-store.ts';
import type { CatalogApp } from '../routes/deps.ts';

export { createTestClock, type TestClock } from '@fruitables/core/testing';

export const TEST_STOCK_POLICY: StockPolicy = { defaultMaxAgeDays: 30, holdTtlSeconds: 900 };

/** What catalog adds to the kit harness: its app, domain context, batch jobs and photo store. */
interface CatalogParts {
  app: CatalogApp;
  ctx: DomainContext;
  /** The app's background batch imports; `drain()` waits for them. */
  batchJobs: BatchJobs;
  /** The app's photo store: files in `photoDir`, a temporary directory removed by close(). */
  photos: PhotoStore;
  photoDir: string;
}

/** Everything one test file needs: its own database, the real app on it, Redis, a signer, a movable clock, a client. */
export type CatalogHarness = ServiceHarness<typeof catalogTables, CatalogParts>;

export interface HarnessOptions {
  poolMax?: number;
  /** Random delay per chunk between the service and PostgreSQL, to widen race windows. */
  latency?: { minMs: number; maxMs: number };
  /** What readiness asks about the FarmerVerified consumer; none by default. */
  consumer?: { isRunning(): boolean };
  /** Where the test clock starts (default: now), for tests whose fixtures carry fixed dates. */
  clockStart?: Date;
}

export function createHarness(label: string, options: HarnessOptions = {}): Promise<CatalogHarness> {
  return createServiceHarness({
    label,
    service: 'catalog',
    tables: catalogTables,
    ...(options.poolMax === undefined ? {} : { poolMax: options.poolMax }),
    ...(options.latency === undefined ? {} : { latency: options.latency }),
    ...(options.clockStart === undefined ? {} : { clockStart: options.clockStart }),
    build: ({ sql, db, redis, clock, logs, registry, lifecycle, signer }): CatalogParts => {
      const batchJobs = createBatchJobs({ db, logger: logs.logger, clock });
      const photoDir = mkdtempSync(join(tmpdir(), `catalog-photos-${label}-`));
      const photos = createFsPhotoStore(photoDir);
      const ctx = { db, clock, logger: logs.logger, stock: TEST_STOCK_POLICY };
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
        lifecycle,
        keys: signer.keys,
        readiness,
        issuer: 'fruitables-identity',
        audience: 'fruitables',
        stock: TEST_STOCK_POLICY,
        bodyLimitBytes: 64 * 1024,
        requestTimeoutMs: 30_000,
        batchJobs,
        photos,
      });
      return { app, ctx, batchJobs, photos, photoDir };
    },
    async beforeClose({ batchJobs, photoDir }) {
      await batchJobs.drain();
      rmSync(photoDir, { recursive: true, force: true });
    },
  });
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
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Shorthand for `h.client.request(method, path, { json, token, headers })`. */
export function call(
  h: CatalogHarness,
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

/** The id of whatever a create route answered with. */
export const createdId = (response: TestResponse): string => response.parse(z.object({ id: z.string() })).id;

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
  if (product.status !== 201) throw new Error(`product: ${product.status} ${product.text}`);
  const productId = createdId(product);
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
  if (offer.status !== 201) throw new Error(`offer: ${offer.status} ${offer.text}`);
  const offerId = createdId(offer);
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
  if (response.status !== 201) throw new Error(`lot: ${response.status} ${response.text}`);
  return createdId(response);
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
