import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CatalogHarness,
  call,
  createHarness,
  daysAgo,
  ordersServiceToken,
  seedFarm,
  seedLot,
  seedOffer,
} from '../../testing/harness.ts';
import { holdSchema } from './schema.ts';

let h: CatalogHarness;
let service: string;
beforeAll(async () => {
  h = await createHarness('catalog-hold-view');
  service = await ordersServiceToken(h.signer);
});
afterAll(async () => {
  await h.close();
});

const hold = (lines: { offerId: string; quantity: number }[], key: string) =>
  call(h, 'POST', '/internal/v1/holds', { token: service, headers: { 'idempotency-key': key }, body: { lines } });

describe('a new hold', () => {
  it('answers exactly what reading it back answers: lines by offer id, oldest lot first', async () => {
    const farm = await seedFarm(h);
    const offers = [
      await seedOffer(h, farm, { fruit: '포도', variety: '샤인머스캣' }),
      await seedOffer(h, farm, { fruit: '포도', variety: '캠벨얼리' }),
      await seedOffer(h, farm, { fruit: '감귤', variety: '온주' }),
    ];
    for (const [index, { offerId }] of offers.entries()) {
      await seedLot(h, farm, offerId, { lotCode: `V${index}-NEW`, harvestedOn: daysAgo(h, 1), boxesHarvested: 5 });
      await seedLot(h, farm, offerId, { lotCode: `V${index}-OLD`, harvestedOn: daysAgo(h, 3), boxesHarvested: 2 });
    }
    // Asked for in reverse id order, and with one offer split over two entries.
    const byIdDescending = offers.map((offer) => offer.offerId).sort((a, b) => (a < b ? 1 : -1));
    const lines = byIdDescending.flatMap((offerId) => [
      { offerId, quantity: 2 },
      { offerId, quantity: 1 },
    ]);
    const key = crypto.randomUUID();
    const created = await hold(lines, key);
    expect(created.status).toBe(201);
    const first = created.parse(holdSchema);
    // The same key again answers the stored hold, read back from the database.
    const replayed = await hold(lines, key);
    expect(replayed.status).toBe(200);
    expect(replayed.json).toEqual(first);
    expect(first.lines.map((line) => line.offerId)).toEqual(
      [...byIdDescending].reverse().flatMap((offerId) => [offerId, offerId]),
    );
    expect(first.lines.map((line) => [line.lotCode.slice(-3), line.quantity])).toEqual([
      ['OLD', 2],
      ['NEW', 1],
      ['OLD', 2],
      ['NEW', 1],
      ['OLD', 2],
      ['NEW', 1],
    ]);
  });
});
