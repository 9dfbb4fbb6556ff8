import type { LineLot } from '@fruitables/schema-orders';

/**
 * catalog holds one line per offer; an order may have several lines of it (a gift to many
 * recipients). Each line gets its share of the held lots, in line order, freshest-first as
 * catalog listed them, so every box stays traceable to its lot.
 */
export function allocateLots(
  lines: readonly { id: string; offerId: string; quantity: number }[],
  held: readonly { offerId: string; lotId: string; lotCode: string; quantity: number }[],
): Map<string, LineLot[]> {
  const left = held.map((lot) => ({ ...lot }));
  const allocated = new Map<string, LineLot[]>();
  for (const line of [...lines].sort((a, b) => a.id.localeCompare(b.id))) {
    let need = line.quantity;
    const lots: LineLot[] = [];
    for (const lot of left) {
      if (need === 0) break;
      if (lot.offerId !== line.offerId || lot.quantity === 0) continue;
      const take = Math.min(need, lot.quantity);
      lots.push({ lotId: lot.lotId, lotCode: lot.lotCode, quantity: take });
      lot.quantity -= take;
      need -= take;
    }
    allocated.set(line.id, lots);
  }
  return allocated;
}
