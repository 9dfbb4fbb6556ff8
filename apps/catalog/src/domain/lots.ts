import { Conflict, newId, ValidationFailed } from '@fruitables/core';
import { isUniqueViolation } from '@fruitables/db';
import { lots } from '@fruitables/schema-catalog';
import type { DomainContext } from './context.ts';
import { offerNotFound } from './errors.ts';
import { publishCatalogEvent } from './events.ts';
import { announceStockChanges, lockOffers, seoulToday } from './stock-state.ts';

export interface LotInput {
  lotCode: string;
  harvestedOn: string;
  boxesHarvested: number;
  brix: number | null;
  note: string;
}

export type Lot = typeof lots.$inferSelect;

/** Publishes a harvest lot of the farm's offer; all boxes start on hand, none reserved. */
export async function createLot(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  farmId: string,
  offerId: string,
  input: LotInput,
): Promise<Lot> {
  const now = ctx.clock.now();
  if (input.harvestedOn > seoulToday(now)) {
    throw new ValidationFailed('수확일이 미래입니다. The harvest date is in the future.', [
      { field: 'harvestedOn', message: '수확일은 오늘 또는 그 이전이어야 합니다. Use today or an earlier date.' },
    ]);
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      const [offer] = await lockOffers(tx, [offerId]);
      if (!offer || offer.farmId !== farmId) throw offerNotFound();
      const [lot] = await tx
        .insert(lots)
        .values({
          id: newId(),
          offerId,
          farmId,
          lotCode: input.lotCode,
          harvestedOn: input.harvestedOn,
          boxesHarvested: input.boxesHarvested,
          brix: input.brix === null ? null : input.brix.toFixed(1),
          note: input.note,
          onHand: input.boxesHarvested,
          createdAt: now,
        })
        .returning();
      if (!lot) throw new Error('insert returned no lot');
      await publishCatalogEvent(tx, {
        type: 'HarvestBatchPublished',
        aggregateId: farmId,
        occurredAt: now,
        data: {
          farmId,
          publishedAt: now.toISOString(),
          lots: [
            {
              lotId: lot.id,
              lotCode: lot.lotCode,
              offerId,
              productId: offer.productId,
              grade: offer.grade,
              harvestedOn: lot.harvestedOn,
              boxes: lot.boxesHarvested,
              brix: input.brix,
            },
          ],
        },
      });
      await announceStockChanges(tx, [offer], now, ctx.stock);
      return lot;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new Conflict(
        '이 농장에 같은 로트번호가 이미 있습니다. This farm already has a lot with this code.',
        'lot_code_exists',
      );
    }
    throw error;
  }
}
