import { newId } from '@fruitables/core';
import { lockForTransaction } from '@fruitables/db';
import { lots, offers, products } from '@fruitables/schema-catalog';
import { sql } from 'drizzle-orm';
import type { CatalogDb, DomainContext } from '../domain/context.ts';
import { publishCatalogEvents } from '../domain/events.ts';
import { type AnnouncedOffer, announceStockChanges, lockOffers } from '../domain/stock-state.ts';
import { markImportSucceeded } from './batch-imports.ts';
import { loadFarmState } from './farm-state.ts';
import { LOT_CHUNK_ROWS, LOTS_PER_HARVEST_EVENT } from './limits.ts';
import { type BatchPlan, type PlannedLot, planBatch } from './plan-batch.ts';
import { BatchRejected, concurrentChange } from './row-errors.ts';
import type { BatchRow } from './validate-rows.ts';

export interface BatchWrite {
  importId: string;
  farmId: string;
  rows: BatchRow[];
  /** The lot code column as the file names it, for errors found only now. */
  lotCodeColumn: string;
}

interface Resolved {
  offerId: string;
  productId: string;
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/**
 * Writes a validated batch in `tx`: plans again against the farm as it is now (the upload was
 * checked a moment ago, but the farmer may have changed something since), then creates
 * products and offers, reprices, inserts lots in chunks and announces it all through the
 * outbox, ending with the import marked succeeded in the same commit. Throws BatchRejected
 * if a lot code was taken in the meantime; the caller rolls everything back.
 */
export async function importBatch(
  ctx: Pick<DomainContext, 'clock' | 'stock'>,
  tx: CatalogDb,
  job: BatchWrite,
  progress: (processedRows: number) => void,
): Promise<void> {
  const now = ctx.clock.now();
  const { farmId } = job;
  // One import per farm at a time: two uploads creating the same new product would otherwise
  // both plan to insert it and the second would fail; in turn, the second sees the first's.
  await lockForTransaction(tx, 'catalog.batch_farm', farmId);
  // Lock the offers this batch stocks in id order, as holds do, then read them again:
  // prices and announced stock states are only trustworthy under the lock.
  const { plan: draft } = planBatch(job.rows, await loadFarmState(tx, farmId, job.rows), job.lotCodeColumn);
  const locked = new Set(draft.existingOffersTouched.map((offer) => offer.id));
  await lockOffers(tx, [...locked]);
  const { plan, errors } = planBatch(job.rows, await loadFarmState(tx, farmId, job.rows), job.lotCodeColumn);
  if (errors.length > 0) throw new BatchRejected(job.importId, errors);
  // An offer created by hand between the two reads would be stocked without its lock.
  if (plan.existingOffersTouched.some((offer) => !locked.has(offer.id))) {
    throw new BatchRejected(job.importId, [concurrentChange()]);
  }

  const resolved = new Map<string, Resolved>();
  const productIds = await createProducts(tx, farmId, plan, now);
  const newOffers = await createOffers(tx, farmId, plan, productIds, now, resolved);
  for (const offer of plan.existingOffersTouched) {
    resolved.set(offer.key, { offerId: offer.id, productId: offer.productId });
  }
  await changePrices(tx, farmId, plan, now);

  let processed = 0;
  for (const chunk of chunks(plan.lots, LOT_CHUNK_ROWS)) {
    await insertLots(tx, job, chunk, resolved, now);
    processed += chunk.length;
    progress(processed);
  }
  await announceHarvest(tx, farmId, plan.lots, resolved, now);
  const stocked: AnnouncedOffer[] = [
    ...plan.existingOffersTouched.map(({ id, productId, stockState }) => ({ id, productId, farmId, stockState })),
    ...newOffers,
  ];
  await announceStockChanges(tx, stocked, now, ctx.stock);

  const succeeded = await markImportSucceeded(
    tx,
    job.importId,
    {
      lotsCreated: plan.lots.length,
      productsCreated: plan.newProducts.length,
      offersCreated: plan.newOffers.length,
      pricesChanged: plan.priceChanges.length,
    },
    now,
  );
  // Only if the process was presumed dead and the import marked interrupted meanwhile: write nothing then.
  if (!succeeded) throw new Error('batch import is no longer running');
}

async function createProducts(tx: CatalogDb, farmId: string, plan: BatchPlan, now: Date): Promise<Map<string, string>> {
  if (plan.newProducts.length === 0) return new Map();
  // Published at once: the farmer uploads to sell.
  const created = await tx
    .insert(products)
    .values(
      plan.newProducts.map((product) => ({
        id: newId(),
        farmId,
        fruit: product.fruit,
        variety: product.variety,
        published: true,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: products.id, fruit: products.fruit, variety: products.variety });
  await publishCatalogEvents(
    tx,
    created.map((product) => ({
      type: 'ProductPublished' as const,
      aggregateId: product.id,
      occurredAt: now,
      data: {
        productId: product.id,
        farmId,
        fruit: product.fruit,
        variety: product.variety,
        publishedAt: now.toISOString(),
      },
    })),
  );
  return new Map(created.map((product) => [`${product.fruit}\u0001${product.variety}`, product.id]));
}

async function createOffers(
  tx: CatalogDb,
  farmId: string,
  plan: BatchPlan,
  newProductIds: Map<string, string>,
  now: Date,
  resolved: Map<string, Resolved>,
): Promise<AnnouncedOffer[]> {
  if (plan.newOffers.length === 0) return [];
  const rows = plan.newOffers.map((offer) => {
    const productId = newProductIds.get(offer.productKey) ?? plan.existingProductIds.get(offer.productKey);
    if (productId === undefined) throw new Error(`no product for offer ${offer.key}`);
    const id = newId();
    resolved.set(offer.key, { offerId: id, productId });
    return {
      id,
      productId,
      farmId,
      grade: offer.grade,
      packKg: offer.packKg.toFixed(2),
      countPerBox: offer.countPerBox,
      priceKrw: offer.priceKrw,
      published: true,
      createdAt: now,
      updatedAt: now,
    };
  });
  await tx.insert(offers).values(rows);
  // New offers start sold out (no lots yet), so their first lots announce "in stock".
  return rows.map((row) => ({ id: row.id, productId: row.productId, farmId, stockState: 'sold_out' as const }));
}

/** One statement for every repriced offer, and an OfferPriceChanged with the previous price for each. */
async function changePrices(tx: CatalogDb, farmId: string, plan: BatchPlan, now: Date): Promise<void> {
  if (plan.priceChanges.length === 0) return;
  const changes = plan.priceChanges.map((change) => ({ id: change.offer.id, price: change.priceKrw }));
  await tx.execute(sql`
    update ${offers} set price_krw = change.price, updated_at = ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(changes)}::text::jsonb) as change (id uuid, price int)
    where ${offers.id} = change.id`);
  await publishCatalogEvents(
    tx,
    plan.priceChanges.map((change) => ({
      type: 'OfferPriceChanged' as const,
      aggregateId: change.offer.id,
      occurredAt: now,
      data: {
        offerId: change.offer.id,
        productId: change.offer.productId,
        farmId,
        previousPriceKrw: change.previousPriceKrw,
        priceKrw: change.priceKrw,
        changedAt: now.toISOString(),
      },
    })),
  );
}

/** Lot rows travel as one JSON array per chunk: one bind parameter, no statement built per row. */
async function insertLots(
  tx: CatalogDb,
  job: BatchWrite,
  chunk: readonly PlannedLot[],
  resolved: Map<string, Resolved>,
  now: Date,
): Promise<void> {
  const rows = chunk.map((lot) => ({
    id: lot.id,
    offer_id: offerOf(resolved, lot).offerId,
    lot_code: lot.lotCode,
    harvested_on: lot.harvestedOn,
    boxes: lot.boxes,
    brix: lot.brix,
    note: lot.note,
  }));
  await tx.execute(sql`
    insert into ${lots} (id, offer_id, farm_id, lot_code, harvested_on, boxes_harvested, brix, note, batch_import_id, on_hand, created_at)
    select lot.id, lot.offer_id, ${job.farmId}::uuid, lot.lot_code, lot.harvested_on, lot.boxes, lot.brix, lot.note,
      ${job.importId}::uuid, lot.boxes, ${now.toISOString()}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb)
      as lot (id uuid, offer_id uuid, lot_code text, harvested_on date, boxes int, brix numeric, note text)`);
}

function offerOf(resolved: Map<string, Resolved>, lot: PlannedLot): Resolved {
  const offer = resolved.get(lot.offerKey);
  if (!offer) throw new Error(`no offer for lot ${lot.lotCode}`);
  return offer;
}

/** HarvestBatchPublished in events of at most LOTS_PER_HARVEST_EVENT lots (see limits.ts). */
async function announceHarvest(
  tx: CatalogDb,
  farmId: string,
  planned: readonly PlannedLot[],
  resolved: Map<string, Resolved>,
  now: Date,
): Promise<void> {
  await publishCatalogEvents(
    tx,
    chunks(planned, LOTS_PER_HARVEST_EVENT).map((chunk) => ({
      type: 'HarvestBatchPublished' as const,
      aggregateId: farmId,
      occurredAt: now,
      data: {
        farmId,
        publishedAt: now.toISOString(),
        lots: chunk.map((lot) => {
          const { offerId, productId } = offerOf(resolved, lot);
          return {
            lotId: lot.id,
            lotCode: lot.lotCode,
            offerId,
            productId,
            grade: lot.grade,
            harvestedOn: lot.harvestedOn,
            boxes: lot.boxes,
            brix: lot.brix,
          };
        }),
      },
    })),
  );
}
