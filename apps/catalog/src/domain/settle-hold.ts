import { Conflict } from '@fruitables/core';
import { type HoldStatus, holdLines, holds, lots } from '@fruitables/schema-catalog';
import { and, eq, sql } from 'drizzle-orm';
import type { CatalogDb, DomainContext } from './context.ts';
import { holdNotFound } from './errors.ts';
import { publishCatalogEvent } from './events.ts';
import { type HoldView, loadHold } from './hold-views.ts';
import { recordAdjustment } from './lot-adjustments.ts';
import { announceStockChanges, lockOffers } from './stock-state.ts';

type Settlement = 'confirmed' | 'released' | 'expired';

/**
 * Moves a live hold's boxes out of `reserved`: into `sold` (confirmed) or back on sale
 * (released, expired; withdrawn instead when the lot was ended). The caller holds the hold's
 * row lock; offers are locked in id order before lots, the same order every stock change uses.
 */
export async function settleLines(
  tx: CatalogDb,
  ctx: Pick<DomainContext, 'stock'>,
  holdId: string,
  outcome: Settlement,
  now: Date,
): Promise<{ offerId: string; lotId: string; quantity: number }[]> {
  const lines = await tx
    .select({ offerId: holdLines.offerId, lotId: holdLines.lotId, quantity: holdLines.quantity })
    .from(holdLines)
    .where(eq(holdLines.holdId, holdId));
  const locked = await lockOffers(tx, [...new Set(lines.map((line) => line.offerId))]);
  for (const line of lines) {
    if (outcome === 'confirmed') {
      await tx
        .update(lots)
        .set({
          onHand: sql`${lots.onHand} - ${line.quantity}`,
          reserved: sql`${lots.reserved} - ${line.quantity}`,
          sold: sql`${lots.sold} + ${line.quantity}`,
        })
        .where(eq(lots.id, line.lotId));
      continue;
    }
    // Boxes given back to a lot that ended meanwhile leave with it instead of going back on
    // sale (an ended lot keeps on_hand = reserved), and the audit trail says so.
    const [lot] = await tx
      .update(lots)
      .set({
        reserved: sql`${lots.reserved} - ${line.quantity}`,
        onHand: sql`${lots.onHand} - case when ${lots.endedAt} is null then 0 else ${line.quantity}::int end`,
      })
      .where(eq(lots.id, line.lotId))
      .returning({ farmId: lots.farmId, onHand: lots.onHand, endedAt: lots.endedAt });
    if (lot?.endedAt) {
      await recordAdjustment(
        tx,
        {
          lotId: line.lotId,
          farmId: lot.farmId,
          accountId: null,
          previousOnHand: lot.onHand + line.quantity,
          onHand: lot.onHand,
          reason: 'ended',
          note: `판매 종료 후 예약이 풀려 돌아온 상자를 회수했습니다. Boxes returned by hold ${holdId} (${outcome}) withdrawn.`,
        },
        now,
      );
    }
  }
  await tx.update(holds).set({ status: outcome, settledAt: now }).where(eq(holds.id, holdId));
  // Confirming moves boxes from reserved to sold: what is left to sell does not change.
  if (outcome !== 'confirmed') await announceStockChanges(tx, locked, now, ctx.stock);
  return lines;
}

async function lockHold(tx: CatalogDb, holdId: string): Promise<{ status: HoldStatus; expiresAt: Date }> {
  const [hold] = await tx
    .select({ status: holds.status, expiresAt: holds.expiresAt })
    .from(holds)
    .where(eq(holds.id, holdId))
    .for('update');
  if (!hold) throw holdNotFound();
  return hold;
}

/** Payment went through: the held boxes are sold. Confirming twice is a no-op. */
export async function confirmHold(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  holdId: string,
): Promise<HoldView> {
  return ctx.db.transaction(async (tx) => {
    const hold = await lockHold(tx, holdId);
    if (hold.status === 'confirmed') return loadHold(tx, holdId);
    if (hold.status !== 'held') throw new Conflict(`This hold was already ${hold.status}.`, 'hold_not_live');
    const now = ctx.clock.now();
    // Past its TTL the boxes may already be promised to someone else's checkout after the sweep.
    if (hold.expiresAt <= now) throw new Conflict('This hold expired before it was confirmed.', 'hold_expired');
    await settleLines(tx, ctx, holdId, 'confirmed', now);
    return loadHold(tx, holdId);
  });
}

/** The checkout was abandoned or cancelled: the boxes go back on sale. Releasing twice is a no-op. */
export async function releaseHold(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  holdId: string,
): Promise<HoldView> {
  return ctx.db.transaction(async (tx) => {
    const hold = await lockHold(tx, holdId);
    if (hold.status === 'released' || hold.status === 'expired') return loadHold(tx, holdId);
    if (hold.status === 'confirmed') throw new Conflict('A confirmed hold cannot be released.', 'hold_confirmed');
    await settleLines(tx, ctx, holdId, 'released', ctx.clock.now());
    return loadHold(tx, holdId);
  });
}

/** Holds past their TTL, oldest first; SKIP LOCKED lets two replicas sweep without waiting on each other. */
export async function expireHolds(ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>, limit = 100): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const overdue = await tx
      .select({ id: holds.id })
      .from(holds)
      .where(and(eq(holds.status, 'held'), sql`${holds.expiresAt} <= ${now.toISOString()}::timestamptz`))
      .orderBy(holds.expiresAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    for (const { id } of overdue) {
      const lines = await settleLines(tx, ctx, id, 'expired', now);
      if (lines.length === 0) continue;
      await publishCatalogEvent(tx, {
        type: 'ReservationExpired',
        aggregateId: id,
        occurredAt: now,
        data: { holdId: id, lines, expiredAt: now.toISOString() },
      });
    }
    return overdue.length;
  });
}
