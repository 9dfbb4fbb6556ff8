import { newId } from '@fruitables/core';
import { type CatalogHarness, call, daysAgo, ordersServiceToken, seedFarm, seedLot, seedOffer } from './harness.ts';

/** A farm with one published offer (a variety of its own) and one lot harvested two days ago. */
export async function lotOnSale(h: CatalogHarness, boxes: number, fruit = '사과') {
  const farm = await seedFarm(h);
  const { productId, offerId } = await seedOffer(h, farm, { fruit, variety: `품종${newId().slice(-6)}` });
  const lotId = await seedLot(h, farm, offerId, {
    lotCode: 'LOT-1',
    harvestedOn: daysAgo(h, 2),
    boxesHarvested: boxes,
  });
  return { farm, productId, offerId, lotId };
}

/** A checkout's hold on one offer, placed as orders places it (its service token, a fresh idempotency key). */
export async function placeHold(h: CatalogHarness, offerId: string, quantity: number, ttlSeconds?: number) {
  return call(h, 'POST', '/internal/v1/holds', {
    token: await ordersServiceToken(h.signer),
    headers: { 'idempotency-key': `test-${crypto.randomUUID()}` },
    body: { lines: [{ offerId, quantity }], ...(ttlSeconds === undefined ? {} : { ttlSeconds }) },
  });
}

export async function settleHold(h: CatalogHarness, holdId: string, action: 'confirm' | 'release') {
  return call(h, 'POST', `/internal/v1/holds/${holdId}/${action}`, { token: await ordersServiceToken(h.signer) });
}

/** The offer's StockLevelChanged events as `previous>state`, in publish order. */
export async function stockEvents(h: CatalogHarness, offerId: string): Promise<string[]> {
  const rows = await h.owner<{ data: { previousState: string; state: string } }[]>`
    select envelope->'data' as data from catalog.outbox
    where type = 'StockLevelChanged' and envelope->>'aggregateId' = ${offerId} order by seq`;
  return rows.map((row) => `${row.data.previousState}>${row.data.state}`);
}
