import type { LineLot } from '@fruitables/schema-orders';
import type { OrdersDb } from './context.ts';
import type { FollowUps, RestockInput } from './workflows/follow-ups.ts';

/** A line's boxes that will not be sent, as positions in its lots (in the order catalog listed them). */
export interface ReturnedBoxes {
  line: { lots: LineLot[]; holdId: string | null };
  /** The first box (0-based) of the run that comes back, and how many. */
  from: number;
  count: number;
}

/**
 * The lots of boxes `from … from + count` of a line. A line's boxes are numbered through its
 * lots in order; shortages are counted from the end of the line and a cancel gives back the
 * start (what is not short), so two returns of one line never name the same box twice.
 */
export function lotsOfBoxes(
  lots: readonly LineLot[],
  from: number,
  count: number,
): { lotId: string; quantity: number }[] {
  const taken: { lotId: string; quantity: number }[] = [];
  let start = 0;
  for (const lot of lots) {
    const end = start + lot.quantity;
    const overlap = Math.min(end, from + count) - Math.max(start, from);
    if (overlap > 0) taken.push({ lotId: lot.lotId, quantity: overlap });
    start = end;
  }
  return taken;
}

/**
 * Starts the restock of boxes a paid order will not send, in the transaction of the cancel or
 * shortage that decided it: one return per catalog hold, keyed by `requestKey` (the refund's,
 * derived from what is cancelled), so a repeated cancel gives the boxes back once. Lines
 * without lots (never confirmed) have nothing to give back.
 */
export async function requestRestock(
  tx: OrdersDb,
  deps: { followUps: FollowUps },
  request: { orderId: string; orderHoldId: string | null; requestKey: string; reason: RestockInput['reason'] },
  boxes: readonly ReturnedBoxes[],
): Promise<string | undefined> {
  const byHold = new Map<string, Map<string, number>>();
  for (const { line, from, count } of boxes) {
    const holdId = line.holdId ?? request.orderHoldId;
    if (!holdId || count <= 0) continue;
    const lots = byHold.get(holdId) ?? new Map<string, number>();
    for (const lot of lotsOfBoxes(line.lots, from, count))
      lots.set(lot.lotId, (lots.get(lot.lotId) ?? 0) + lot.quantity);
    if (lots.size > 0) byHold.set(holdId, lots);
  }
  if (byHold.size === 0) return undefined;
  return deps.followUps.restock(tx, {
    orderId: request.orderId,
    requestKey: request.requestKey,
    reason: request.reason,
    holds: [...byHold.entries()].map(([holdId, lots]) => ({
      holdId,
      lines: [...lots.entries()].map(([lotId, quantity]) => ({ lotId, quantity })),
    })),
  });
}
