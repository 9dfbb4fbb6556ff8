import { Conflict, newId } from '@fruitables/core';
import { isUniqueViolation } from '@fruitables/db';
import { type Grade, offers } from '@fruitables/schema-catalog';
import { and, eq } from 'drizzle-orm';
import type { CatalogDb, DomainContext } from './context.ts';
import { offerNotFound } from './errors.ts';
import { publishCatalogEvent } from './events.ts';
import { lockProduct } from './products.ts';

export interface OfferInput {
  grade: Grade;
  packKg: number;
  countPerBox: number | null;
  priceKrw: number;
  perOrderLimit: number | null;
  published: boolean;
}

export type Offer = typeof offers.$inferSelect;

const duplicateOffer = () =>
  new Conflict(
    '같은 등급·중량의 판매 옵션이 이미 있습니다. This product already has an offer in this grade and pack.',
    'offer_exists',
  );

const toRow = (input: Partial<OfferInput>) => {
  const { packKg, ...rest } = input;
  return packKg === undefined ? rest : { ...rest, packKg: packKg.toFixed(2) };
};

function announceOfferUpdated(tx: CatalogDb, offer: Offer, now: Date) {
  return publishCatalogEvent(tx, {
    type: 'OfferUpdated',
    aggregateId: offer.id,
    occurredAt: now,
    data: {
      offerId: offer.id,
      productId: offer.productId,
      farmId: offer.farmId,
      grade: offer.grade,
      packKg: Number(offer.packKg),
      countPerBox: offer.countPerBox,
      perOrderLimit: offer.perOrderLimit,
      priceKrw: offer.priceKrw,
      published: offer.published,
      updatedAt: now.toISOString(),
    },
  });
}

export async function createOffer(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  farmId: string,
  productId: string,
  input: OfferInput,
): Promise<Offer> {
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      await lockProduct(tx, farmId, productId);
      const [offer] = await tx
        .insert(offers)
        .values({
          id: newId(),
          productId,
          farmId,
          ...input,
          packKg: input.packKg.toFixed(2),
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!offer) throw new Error('insert returned no offer');
      if (offer.published) await announceOfferUpdated(tx, offer, now);
      return offer;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateOffer();
    throw error;
  }
}

/** A price change is announced with the old and new price, in the same transaction as the change. */
export async function updateOffer(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  farmId: string,
  offerId: string,
  changes: Partial<OfferInput>,
): Promise<Offer> {
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      // The row lock orders concurrent price edits, so each event's previous price is the real one.
      const [before] = await tx
        .select()
        .from(offers)
        .where(and(eq(offers.id, offerId), eq(offers.farmId, farmId)))
        .for('update');
      if (!before) throw offerNotFound();
      const [offer] = await tx
        .update(offers)
        .set({ ...toRow(changes), updatedAt: now })
        .where(eq(offers.id, offerId))
        .returning();
      if (!offer) throw offerNotFound();
      if (offer.priceKrw !== before.priceKrw) {
        await publishCatalogEvent(tx, {
          type: 'OfferPriceChanged',
          aggregateId: offer.id,
          occurredAt: now,
          data: {
            offerId: offer.id,
            productId: offer.productId,
            farmId,
            previousPriceKrw: before.priceKrw,
            priceKrw: offer.priceKrw,
            changedAt: now.toISOString(),
          },
        });
      }
      const visible = (['grade', 'packKg', 'countPerBox', 'perOrderLimit', 'published'] as const).some(
        (field) => before[field] !== offer[field],
      );
      // An offer nobody could see before or after changed nothing a shopper sees.
      if (visible && (before.published || offer.published)) await announceOfferUpdated(tx, offer, now);
      return offer;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateOffer();
    throw error;
  }
}
