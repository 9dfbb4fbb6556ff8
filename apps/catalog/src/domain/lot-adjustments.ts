import { newId } from '@fruitables/core';
import { type LotAdjustmentReason, lotAdjustments, lots } from '@fruitables/schema-catalog';
import { and, eq, sql } from 'drizzle-orm';
import type { CatalogDb, DomainContext } from './context.ts';
import { damageMustLowerOnHand, lotEnded, lotNotFoundById, onHandBelowReserved, onHandOverHarvest } from './errors.ts';
import { publishCatalogEvents } from './events.ts';
import { type InventoryLot, loadInventoryLot } from './farm-inventory.ts';
import { announceStockChanges, lockOffers } from './stock-state.ts';

/** Who changes which lot: the farm in the path, the lot in it, the signed-in farmer or admin. */
export interface LotActor {
  farmId: string;
  lotId: string;
  accountId: string;
}

export interface LotAdjustmentInput {
  onHand: number;
  reason: Exclude<LotAdjustmentReason, 'ended'>;
  note: string;
}

export interface AdjustmentRecord {
  lotId: string;
  farmId: string;
  accountId: string | null;
  previousOnHand: number;
  onHand: number;
  reason: LotAdjustmentReason;
  note: string;
}

/** The audit row of an on-hand change; written in the transaction that makes the change. */
export async function recordAdjustment(tx: CatalogDb, record: AdjustmentRecord, now: Date): Promise<void> {
  await tx.insert(lotAdjustments).values({ id: newId(), ...record, createdAt: now });
}

type StockContext = Pick<DomainContext, 'db' | 'clock' | 'stock'>;

/**
 * Locks the lot for a stock change in the order every stock change uses (holds included):
 * its offer first, whose lock also guards the offer's announced stock state, then the lot.
 * A lot of another farm is not found, exactly like a missing one.
 */
async function lockLot(tx: CatalogDb, farmId: string, lotId: string) {
  // Unlocked: a lot never moves to another offer, so its offer id is safe to read first.
  const [found] = await tx
    .select({ offerId: lots.offerId })
    .from(lots)
    .where(and(eq(lots.id, lotId), eq(lots.farmId, farmId)));
  if (!found) throw lotNotFoundById();
  const [offer] = await lockOffers(tx, [found.offerId]);
  const [lot] = await tx.select().from(lots).where(eq(lots.id, lotId)).for('update');
  if (!offer || !lot) throw lotNotFoundById();
  return { offer, lot };
}

/**
 * Sets a lot's boxes on hand after damage or a recount, with the audit row and any stock
 * crossing (StockLevelChanged) in the same transaction. The count must keep every box held
 * for a checkout and cannot exceed what the harvest minus sales leaves.
 */
export async function adjustLot(ctx: StockContext, actor: LotActor, input: LotAdjustmentInput): Promise<InventoryLot> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { offer, lot } = await lockLot(tx, actor.farmId, actor.lotId);
    if (lot.endedAt !== null) throw lotEnded();
    if (input.onHand < lot.reserved) throw onHandBelowReserved(lot.reserved);
    if (input.onHand + lot.sold > lot.boxesHarvested) throw onHandOverHarvest(lot.boxesHarvested, lot.sold);
    if (input.reason === 'damage' && input.onHand >= lot.onHand) throw damageMustLowerOnHand(lot.onHand);
    // A recount that finds the same number is still recorded: the audit says when it was checked.
    if (input.onHand !== lot.onHand) {
      await tx.update(lots).set({ onHand: input.onHand }).where(eq(lots.id, lot.id));
    }
    await recordAdjustment(
      tx,
      {
        lotId: lot.id,
        farmId: actor.farmId,
        accountId: actor.accountId,
        previousOnHand: lot.onHand,
        onHand: input.onHand,
        reason: input.reason,
        note: input.note,
      },
      now,
    );
    if (input.onHand !== lot.onHand) await announceStockChanges(tx, [offer], now, ctx.stock);
    return loadInventoryLot(tx, ctx, actor.farmId, lot.id);
  });
}

/**
 * Ends a lot early: its free boxes are withdrawn from sale (recorded as an "ended"
 * adjustment, announced as LotEnded) and it is never allocated again; boxes held for checkouts stay held and can
 * still be confirmed, and any a hold gives back are withdrawn too (see `settleLines`).
 * Ending an ended lot changes nothing and answers the lot as it is, so a retry is safe.
 */
export async function endLot(ctx: StockContext, actor: LotActor, note: string): Promise<InventoryLot> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { offer, lot } = await lockLot(tx, actor.farmId, actor.lotId);
    if (lot.endedAt === null) {
      // on_hand = reserved: the CHECK lots_ended_nothing_free holds an ended lot to exactly this.
      await tx
        .update(lots)
        .set({ endedAt: now, onHand: sql`${lots.reserved}` })
        .where(eq(lots.id, lot.id));
      await recordAdjustment(
        tx,
        {
          lotId: lot.id,
          farmId: actor.farmId,
          accountId: actor.accountId,
          previousOnHand: lot.onHand,
          onHand: lot.reserved,
          reason: 'ended',
          note,
        },
        now,
      );
      await announceStockChanges(tx, [offer], now, ctx.stock);
      await publishCatalogEvents(tx, [
        {
          type: 'LotEnded' as const,
          aggregateId: lot.id,
          occurredAt: now,
          data: {
            lotId: lot.id,
            lotCode: lot.lotCode,
            offerId: offer.id,
            productId: offer.productId,
            farmId: actor.farmId,
            endedAt: now.toISOString(),
          },
        },
      ]);
    }
    return loadInventoryLot(tx, ctx, actor.farmId, lot.id);
  });
}
