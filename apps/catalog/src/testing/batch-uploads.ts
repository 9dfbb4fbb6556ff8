import type { TestResponse } from '@fruitables/kit/testing';
import { lots, offers, products } from '@fruitables/schema-catalog';
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { batchImportSchema, batchProblemSchema } from '../routes/batches/schema.ts';
import { type CatalogHarness, call } from './harness.ts';

/** The sample files from the issue, byte for byte (UTF-8 with BOM, CP949, and one error per row). */
export const fixture = (name: string): Promise<Uint8Array> =>
  Bun.file(new URL(`../batches/fixtures/${name}`, import.meta.url).pathname).bytes();

/** The samples are dated 2026-11-05…14; the clock stands at noon in Seoul a week later. */
export const SAMPLE_TODAY = new Date('2026-11-21T03:00:00Z');

export interface Farm {
  farmId: string;
  token: string;
}

/** An import as the status and upload routes document it. */
export type BatchImportBody = z.output<typeof batchImportSchema>;

/**
 * A batch refusal as the routes send it. The document's BatchProblem says `importId` is always
 * there (null when nothing was kept), but refusals made before an import exists leave it out;
 * so it is optional here until the route or the document is corrected.
 */
export const batchRefusalSchema = batchProblemSchema.partial({ importId: true, errors: true });
export type BatchProblem = z.output<typeof batchRefusalSchema>;

/** Uploads a file as the farmer console does: multipart/form-data with a `file` field. */
export async function uploadFile(
  h: CatalogHarness,
  farm: Farm,
  content: Uint8Array | string,
  options: { name?: string; dryRun?: boolean; token?: string } = {},
): Promise<TestResponse> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], options.name ?? 'harvest.csv'));
  return h.client.post(`/v1/farms/${farm.farmId}/batch-imports${options.dryRun ? '?dryRun=true' : ''}`, {
    token: options.token ?? farm.token,
    body: form,
  });
}

export function uploadRows(
  h: CatalogHarness,
  farm: Farm,
  rows: Record<string, string | number | null>[],
  options: { dryRun?: boolean } = {},
): Promise<TestResponse> {
  return call(h, 'POST', `/v1/farms/${farm.farmId}/batch-imports${options.dryRun ? '?dryRun=true' : ''}`, {
    token: farm.token,
    body: { rows },
  });
}

/** Waits for the background job, then reads the import through the status endpoint. */
export async function finishedImport(h: CatalogHarness, farm: Farm, importId: string): Promise<BatchImportBody> {
  await h.batchJobs.drain();
  const response = await call(h, 'GET', `/v1/farms/${farm.farmId}/batch-imports/${importId}`, { token: farm.token });
  if (response.status !== 200) throw new Error(`status: ${response.status} ${response.text}`);
  return response.parse(batchImportSchema);
}

/** The farm's lots with their offer and product, in lot-code order. */
export async function lotsOf(h: CatalogHarness, farmId: string) {
  return h.db
    .select({
      lotCode: lots.lotCode,
      fruit: products.fruit,
      variety: products.variety,
      grade: offers.grade,
      packKg: offers.packKg,
      priceKrw: offers.priceKrw,
      countPerBox: offers.countPerBox,
      harvestedOn: lots.harvestedOn,
      boxes: lots.boxesHarvested,
      onHand: lots.onHand,
      brix: lots.brix,
      note: lots.note,
      batchImportId: lots.batchImportId,
    })
    .from(lots)
    .innerJoin(offers, eq(offers.id, lots.offerId))
    .innerJoin(products, eq(products.id, offers.productId))
    .where(eq(lots.farmId, farmId))
    .orderBy(asc(lots.lotCode));
}

/** How many products, offers and lots the farm has. */
export async function countsOf(h: CatalogHarness, farmId: string) {
  const [row] = await h.owner<{ products: number; offers: number; lots: number }[]>`
    select (select count(*)::int from catalog.products where farm_id = ${farmId}) as products,
           (select count(*)::int from catalog.offers where farm_id = ${farmId}) as offers,
           (select count(*)::int from catalog.lots where farm_id = ${farmId}) as lots`;
  return row;
}

/** The farm's events in the outbox (by farmId in their data), in publish order. */
export async function farmEvents(h: CatalogHarness, farmId: string) {
  return h.owner<{ type: string; data: Record<string, unknown> }[]>`
    select type, envelope->'data' as data from catalog.outbox
    where envelope->'data'->>'farmId' = ${farmId} order by seq`;
}

/**
 * Holds an offer's row lock from another connection, as a checkout's hold would, so an
 * import that stocks the offer waits in its first step until `release()`.
 */
export async function lockOfferElsewhere(h: CatalogHarness, offerId: string): Promise<{ release(): Promise<void> }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const transaction = h.owner.begin(async (tx) => {
    await tx`select id from catalog.offers where id = ${offerId} for update`;
    locked();
    await released;
  });
  await isLocked;
  return {
    async release() {
      release();
      await transaction;
    },
  };
}
