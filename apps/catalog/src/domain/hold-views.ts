import { type HoldStatus, holdLines, holds, lots } from '@fruitables/schema-catalog';
import { asc, eq } from 'drizzle-orm';
import type { CatalogDb } from './context.ts';
import { holdNotFound } from './errors.ts';

export interface HoldLineView {
  offerId: string;
  lotId: string;
  lotCode: string;
  harvestedOn: string;
  quantity: number;
}

export interface HoldView {
  id: string;
  status: HoldStatus;
  expiresAt: Date;
  lines: HoldLineView[];
}

/** A hold with its lines, each naming the lot its boxes come from (the traceability record). */
export async function loadHold(db: CatalogDb, holdId: string): Promise<HoldView> {
  // Prepared (one round trip instead of two): confirm and release read the hold back under its lock.
  const [hold] = await db
    .select({ id: holds.id, status: holds.status, expiresAt: holds.expiresAt })
    .from(holds)
    .where(eq(holds.id, holdId))
    .prepare('catalog_load_hold')
    .execute();
  if (!hold) throw holdNotFound();
  const lines = await db
    .select({
      offerId: holdLines.offerId,
      lotId: holdLines.lotId,
      lotCode: lots.lotCode,
      harvestedOn: lots.harvestedOn,
      quantity: holdLines.quantity,
    })
    .from(holdLines)
    .innerJoin(lots, eq(lots.id, holdLines.lotId))
    .where(eq(holdLines.holdId, holdId))
    .orderBy(asc(holdLines.offerId), asc(lots.harvestedOn), asc(lots.id))
    .prepare('catalog_load_hold_lines')
    .execute();
  return { ...hold, lines };
}

/** Orders ids as PostgreSQL orders uuids: their lowercase text compares byte for byte the same way. */
export function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
