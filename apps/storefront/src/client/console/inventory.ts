import type { Inventory, InventoryLot, InventoryOffer, InventoryProduct, Photo } from '@fruitables/catalog/contract';
import { useCallback, useEffect, useState } from 'hono/jsx/dom';
import { ApiError, api, messageOf } from './api.ts';

// GET /v1/farms/{farmId}/inventory, as catalog's contract declares it.
export type { Inventory, InventoryLot, InventoryOffer, InventoryProduct } from '@fruitables/catalog/contract';

/** A photo as the console shows it (any of catalog's photos has these fields). */
export type LotPhoto = Pick<Photo, 'id' | 'alt' | 'variants'>;

/** A lot with what it belongs to, flattened for lists and filters. */
export interface LotRow {
  lot: InventoryLot;
  offer: InventoryOffer;
  product: InventoryProduct;
}

export type LotState = 'selling' | 'sold_out' | 'too_old' | 'ended';

export const lotStateNames: Record<LotState, string> = {
  selling: '판매 중',
  sold_out: '재고 없음',
  too_old: '판매 기한 지남',
  ended: '판매 종료',
};

/** Boxes a shopper could still buy from this lot. */
export const available = (lot: InventoryLot): number =>
  lot.endedAt || !lot.withinMaxAge ? 0 : Math.max(lot.onHand - lot.reserved, 0);

export function lotState(lot: InventoryLot): LotState {
  if (lot.endedAt) return 'ended';
  if (!lot.withinMaxAge) return 'too_old';
  return available(lot) > 0 ? 'selling' : 'sold_out';
}

export function lotRows(inventory: Inventory): LotRow[] {
  return inventory.products.flatMap((product) =>
    product.offers.flatMap((offer) => offer.lots.map((lot) => ({ lot, offer, product }))),
  );
}

export const offerName = (product: InventoryProduct, offer: InventoryOffer): string =>
  `${product.fruit} ${product.variety} ${offer.grade} ${offer.packKg}kg`;

/** Days from today (Seoul) to an ISO date; negative once it has passed. */
export function daysUntil(isoDate: string, now = new Date()): number {
  const today = new Date(now.toLocaleDateString('en-CA', { timeZone: 'Asia/Seoul' }));
  return Math.round((Date.parse(isoDate) - today.getTime()) / 86_400_000);
}

const FARM_ARRIVAL_ATTEMPTS = 10;

/** The farm's inventory, with a reload for after an edit. */
export function useInventory(farmId: string) {
  const [inventory, setInventory] = useState<Inventory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    // A farm verified a moment ago reaches catalog by event, within a second or so: until
    // then its inventory is 404, so a new farmer's first visit waits a little.
    for (let attempt = 1; ; attempt++) {
      try {
        setInventory(await api<Inventory>('catalog', `/v1/farms/${farmId}/inventory`));
        setError(null);
        return;
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 404 && attempt < FARM_ARRIVAL_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          continue;
        }
        setError(messageOf(failure));
        return;
      }
    }
  }, [farmId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { inventory, error, reload };
}
