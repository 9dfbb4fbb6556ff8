import { Conflict, newId, ValidationFailed } from '@fruitables/core';
import { holdLines, holds, lots } from '@fruitables/schema-catalog';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { CatalogDb, DomainContext } from './context.ts';
import { offerNotFound, SoldOut } from './errors.ts';
import { compareIds, type HoldLineView, type HoldView, loadHold } from './hold-views.ts';
import { announceStockChanges, lockOffers, seoulToday } from './stock-state.ts';

export interface HoldRequest {
  idempotencyKey: string;
  lines: { offerId: string; quantity: number }[];
  ttlSeconds?: number;
}

/** The same lines in any order (or split across duplicate entries) are the same request. */
function mergeLines(lines: HoldRequest['lines']): Map<string, number> {
  const merged = new Map<string, number>();
  for (const line of lines) merged.set(line.offerId, (merged.get(line.offerId) ?? 0) + line.quantity);
  return new Map([...merged.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

async function requestHash(merged: Map<string, number>): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify([...merged.entries()]));
  return Buffer.from(await crypto.subtle.digest('SHA-256', bytes)).toString('hex');
}

/**
 * Locks the offer's sellable lots (free boxes, not ended, young enough) oldest harvest first
 * (FEFO) and reserves `quantity` across them. Returns the lines it made (the hold's view
 * needs them), or undefined when the lots cannot cover the quantity.
 */
async function reserveFromLots(
  tx: CatalogDb,
  holdId: string,
  offerId: string,
  quantity: number,
  firstSellable: string,
): Promise<HoldLineView[] | undefined> {
  // Every statement here runs while the offer's row lock is held, so each is prepared: one
  // round trip instead of two for postgres.js's parse-and-describe of an unprepared query.
  const candidates = await tx
    .select({
      id: lots.id,
      lotCode: lots.lotCode,
      harvestedOn: lots.harvestedOn,
      free: sql<number>`${lots.onHand} - ${lots.reserved}`,
    })
    .from(lots)
    .where(
      and(
        eq(lots.offerId, offerId),
        // An ended lot never has a free box (a CHECK keeps on_hand = reserved); said here too
        // so allocation does not lean on that alone.
        isNull(lots.endedAt),
        sql`${lots.onHand} - ${lots.reserved} > 0`,
        sql`${lots.harvestedOn} >= ${firstSellable}::date`,
      ),
    )
    .orderBy(asc(lots.harvestedOn), asc(lots.id))
    .for('update')
    .prepare('catalog_hold_candidate_lots')
    .execute();
  const lines: HoldLineView[] = [];
  let remaining = quantity;
  for (const lot of candidates) {
    if (remaining === 0) break;
    const take = Math.min(remaining, lot.free);
    // Conditional even under the row lock: the database, not this arithmetic, has the last word.
    const updated = await tx
      .update(lots)
      .set({ reserved: sql`${lots.reserved} + ${take}` })
      .where(and(eq(lots.id, lot.id), sql`${lots.onHand} - ${lots.reserved} >= ${take}`))
      .returning({ id: lots.id })
      .prepare('catalog_hold_reserve_lot')
      .execute();
    if (updated.length === 0) return undefined;
    await tx
      .insert(holdLines)
      .values({ id: newId(), holdId, offerId, lotId: lot.id, quantity: take })
      .prepare('catalog_hold_insert_line')
      .execute();
    lines.push({ offerId, lotId: lot.id, lotCode: lot.lotCode, harvestedOn: lot.harvestedOn, quantity: take });
    remaining -= take;
  }
  return remaining === 0 ? lines : undefined;
}

/** The oldest harvest day still on sale today for a fruit kept `maxAgeDays` days. */
export function firstSellableDate(today: string, maxAgeDays: number): string {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - maxAgeDays + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * Holds stock for a checkout: all lines or none. Offers are locked in id order, so concurrent
 * holds on the same offer queue behind each other instead of racing, and the lot CHECKs back
 * that up. A repeated idempotency key returns the hold it made the first time.
 */
export async function holdStock(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  request: HoldRequest,
): Promise<{ hold: HoldView; created: boolean }> {
  const merged = mergeLines(request.lines);
  const hash = await requestHash(merged);
  const now = ctx.clock.now();
  const ttlSeconds = request.ttlSeconds ?? ctx.stock.holdTtlSeconds;
  return ctx.db.transaction(async (tx) => {
    const holdId = newId();
    // A concurrent request with the same key waits here for the first to commit or roll back.
    const [inserted] = await tx
      .insert(holds)
      .values({
        id: holdId,
        idempotencyKey: request.idempotencyKey,
        requestHash: hash,
        expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      })
      .onConflictDoNothing({ target: holds.idempotencyKey })
      .returning({ id: holds.id, status: holds.status, expiresAt: holds.expiresAt })
      .prepare('catalog_hold_insert')
      .execute();
    if (!inserted) {
      const [existing] = await tx
        .select({ id: holds.id, requestHash: holds.requestHash })
        .from(holds)
        .where(eq(holds.idempotencyKey, request.idempotencyKey))
        .prepare('catalog_hold_by_key')
        .execute();
      if (!existing)
        throw new Conflict('Another request with this Idempotency-Key is in progress.', 'hold_in_progress');
      if (existing.requestHash !== hash) {
        throw new Conflict('This Idempotency-Key was used for different lines.', 'idempotency_key_reused');
      }
      return { hold: await loadHold(tx, existing.id), created: false };
    }
    const locked = await lockOffers(tx, [...merged.keys()]);
    const today = seoulToday(now);
    const soldOut: string[] = [];
    const lines: HoldLineView[] = [];
    for (const [offerId, quantity] of merged) {
      const offer = locked.find((candidate) => candidate.id === offerId);
      if (!offer) throw offerNotFound();
      if (!offer.published || !offer.productPublished) {
        throw new Conflict(`Offer ${offerId} is not on sale.`, 'offer_unavailable');
      }
      if (offer.perOrderLimit !== null && quantity > offer.perOrderLimit) {
        throw new ValidationFailed('1회 주문 한도를 넘었습니다. Over the per-order limit.', [
          { field: 'lines', message: `offer ${offerId} allows at most ${offer.perOrderLimit} per order` },
        ]);
      }
      const maxAge = offer.maxAgeDays ?? ctx.stock.defaultMaxAgeDays;
      const reserved = await reserveFromLots(tx, holdId, offerId, quantity, firstSellableDate(today, maxAge));
      if (reserved) lines.push(...reserved);
      else soldOut.push(offerId);
    }
    // Throwing rolls back every reservation made above: a hold is all lines or nothing.
    if (soldOut.length > 0) throw new SoldOut(soldOut);
    await announceStockChanges(tx, locked, now, ctx.stock);
    // The view is what was just written, so it is built here rather than read back while the
    // offers are still locked; loadHold orders lines the same way.
    lines.sort((a, b) => compareIds(a.offerId, b.offerId));
    return { hold: { ...inserted, lines }, created: true };
  });
}
