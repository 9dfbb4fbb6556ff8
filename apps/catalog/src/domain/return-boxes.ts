import { Conflict, newId } from '@fruitables/core';
import {
  type HoldReturnReason,
  holdLines,
  holdReturnLines,
  holdReturns,
  holds,
  lots,
} from '@fruitables/schema-catalog';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { CatalogDb, DomainContext } from './context.ts';
import { holdNotFound } from './errors.ts';
import { firstSellableDate } from './hold-stock.ts';
import { announceStockChanges, lockOffers, seoulToday } from './stock-state.ts';

export interface ReturnRequest {
  holdId: string;
  idempotencyKey: string;
  reason: HoldReturnReason;
  lines: { lotId: string; quantity: number }[];
}

export interface ReturnView {
  id: string;
  holdId: string;
  reason: HoldReturnReason;
  lines: { offerId: string; lotId: string; quantity: number; restocked: boolean }[];
  returnedAt: Date;
}

/** The same lots in any order, or split over entries, are the same return. */
function mergeLines(lines: ReturnRequest['lines']): Map<string, number> {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.lotId, (merged.get(line.lotId) ?? 0) + line.quantity);
  return new Map([...merged.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

async function requestHash(request: ReturnRequest, merged: Map<string, number>): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify([request.holdId, request.reason, ...merged.entries()]));
  return Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

async function loadReturn(db: CatalogDb, returnId: string): Promise<ReturnView> {
  const [row] = await db.select().from(holdReturns).where(eq(holdReturns.id, returnId));
  if (!row) throw holdNotFound();
  const lines = await db
    .select({
      offerId: holdReturnLines.offerId,
      lotId: holdReturnLines.lotId,
      quantity: holdReturnLines.quantity,
      restocked: holdReturnLines.restocked,
    })
    .from(holdReturnLines)
    .where(eq(holdReturnLines.returnId, returnId))
    .orderBy(holdReturnLines.lotId);
  return { id: row.id, holdId: row.holdId, reason: row.reason, lines, returnedAt: row.createdAt };
}

/** Per lot of the hold: boxes confirmed, less those an earlier return already gave back. */
async function returnableByLot(tx: CatalogDb, holdId: string): Promise<Map<string, { offerId: string; left: number }>> {
  const sold = await tx
    .select({
      lotId: holdLines.lotId,
      offerId: holdLines.offerId,
      quantity: sql<number>`sum(${holdLines.quantity})::int`,
    })
    .from(holdLines)
    .where(eq(holdLines.holdId, holdId))
    .groupBy(holdLines.lotId, holdLines.offerId);
  const returned = await tx
    .select({ lotId: holdReturnLines.lotId, quantity: sql<number>`sum(${holdReturnLines.quantity})::int` })
    .from(holdReturnLines)
    .innerJoin(holdReturns, eq(holdReturns.id, holdReturnLines.returnId))
    .where(eq(holdReturns.holdId, holdId))
    .groupBy(holdReturnLines.lotId);
  const result = new Map<string, { offerId: string; left: number }>();
  for (const row of sold) {
    const back = returned.find((candidate) => candidate.lotId === row.lotId)?.quantity ?? 0;
    result.set(row.lotId, { offerId: row.offerId, left: row.quantity - back });
  }
  return result;
}

/**
 * A paid order gives back boxes it will not send: they leave `sold` and, for a cancel, go back
 * on sale unless their lot ended or is past its fruit's maximum age (those boxes leave with the
 * lot, as a released hold's do). A shortage's boxes never go on sale: the farm does not have them.
 * The hold's row lock serialises returns of one hold, so two cancels can never give back more
 * boxes than were sold; offers are then locked in id order before lots, like every stock change.
 */
export async function returnConfirmedBoxes(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  request: ReturnRequest,
): Promise<{ view: ReturnView; created: boolean }> {
  const merged = mergeLines(request.lines);
  const hash = await requestHash(request, merged);
  return ctx.db.transaction(async (tx) => {
    const [hold] = await tx
      .select({ status: holds.status })
      .from(holds)
      .where(eq(holds.id, request.holdId))
      .for('update');
    if (!hold) throw holdNotFound();
    // Under the hold's lock a retry of the same key (same hold) finds the first one committed.
    const [existing] = await tx
      .select({ id: holdReturns.id, requestHash: holdReturns.requestHash })
      .from(holdReturns)
      .where(eq(holdReturns.idempotencyKey, request.idempotencyKey));
    if (existing) {
      if (existing.requestHash !== hash) {
        throw new Conflict('This Idempotency-Key was used for a different return.', 'idempotency_key_reused');
      }
      return { view: await loadReturn(tx, existing.id), created: false };
    }
    if (hold.status !== 'confirmed') {
      throw new Conflict(
        `Only a confirmed hold's boxes can be returned; this one is ${hold.status}.`,
        'hold_not_confirmed',
      );
    }
    const returnable = await returnableByLot(tx, request.holdId);
    const problems = [...merged.entries()].flatMap(([lotId, quantity]) => {
      const left = returnable.get(lotId)?.left;
      if (left === undefined) return [{ field: 'lines', message: `lot ${lotId} is not part of this hold` }];
      if (quantity > left) return [{ field: 'lines', message: `lot ${lotId}: at most ${left} box(es) left to return` }];
      return [];
    });
    if (problems.length > 0) {
      throw new Conflict('More boxes than this hold sold and has not returned yet.', 'return_exceeds_sold', problems);
    }
    const now = ctx.clock.now();
    const returnId = newId();
    await tx.insert(holdReturns).values({
      id: returnId,
      holdId: request.holdId,
      idempotencyKey: request.idempotencyKey,
      requestHash: hash,
      reason: request.reason,
      createdAt: now,
    });
    const offerIds = [...merged.keys()].flatMap((lotId) => returnable.get(lotId)?.offerId ?? []);
    const locked = await lockOffers(tx, [...new Set(offerIds)]);
    const lotRows = await tx
      .select({ id: lots.id, offerId: lots.offerId, harvestedOn: lots.harvestedOn, endedAt: lots.endedAt })
      .from(lots)
      .where(inArray(lots.id, [...merged.keys()]))
      .orderBy(lots.id)
      .for('update');
    const today = seoulToday(now);
    for (const lot of lotRows) {
      const quantity = merged.get(lot.id) ?? 0;
      const offer = locked.find((candidate) => candidate.id === lot.offerId);
      const maxAge = offer?.maxAgeDays ?? ctx.stock.defaultMaxAgeDays;
      const restocked =
        request.reason === 'cancelled' && lot.endedAt === null && lot.harvestedOn >= firstSellableDate(today, maxAge);
      await tx
        .update(lots)
        .set({
          sold: sql`${lots.sold} - ${quantity}::int`,
          onHand: sql`${lots.onHand} + ${restocked ? quantity : 0}::int`,
        })
        .where(and(eq(lots.id, lot.id), sql`${lots.sold} >= ${quantity}::int`));
      await tx.insert(holdReturnLines).values({
        id: newId(),
        returnId,
        offerId: lot.offerId,
        lotId: lot.id,
        quantity,
        restocked,
      });
    }
    await announceStockChanges(tx, locked, now, ctx.stock);
    return { view: await loadReturn(tx, returnId), created: true };
  });
}
