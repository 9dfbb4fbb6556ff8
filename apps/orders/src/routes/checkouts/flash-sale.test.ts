import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkout, checkoutOf, freeBoxes, heldBoxes, offerOnSale } from '../../testing/fixtures.ts';
import { createHarness, type OrdersHarness, verifiedShopper } from '../../testing/harness.ts';
import { standInDates } from '../../testing/logistics-stand-in.ts';

let h: OrdersHarness;

beforeAll(async () => {
  // The answer waits for its workflow however long the queue: this test counts outcomes, not latency.
  h = await createHarness('flash-sale', { poolMax: 20, catalogPoolMax: 20, policy: { checkoutWaitMs: 120_000 } });
});
afterAll(async () => {
  await h.close();
});

describe('a flash sale through checkout and the real catalog', () => {
  it('300 shoppers at once for the last 30 boxes: exactly 30 orders, 270 clear 품절 answers, nothing left held', async () => {
    const offer = await offerOnSale(h, { boxes: 30, priceKrw: 9_900 });
    const tokens = await Promise.all(Array.from({ length: 300 }, () => verifiedShopper(h)));
    const answers = await Promise.all(tokens.map((token) => checkout(h, token, checkoutOf([{ offer }]))));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(30);
    const refused = answers.filter((answer) => answer.status === 409);
    expect(refused).toHaveLength(270);
    for (const answer of refused) {
      expect(answer.problem.code).toBe('sold_out');
      expect(answer.problem.detail).toMatch(/^품절된 상품이 있어요: /);
    }
    // Exactly the winners' boxes are held at catalog; the losers' dates went back to logistics.
    expect(await heldBoxes(h, offer.offerId)).toBe(30);
    expect(await freeBoxes(h, offer.offerId)).toBe(0);
    expect(h.logistics.boxesBooked(offer.farmId, standInDates()[1] ?? '')).toBe(30);
    const [placed] = await h.owner<{ placed: number; live: number }[]>`
      select count(*) filter (where checkout_state = 'placed')::int as placed,
        (select count(*) from orders.workflow_runs where state in ('running', 'compensating'))::int as live
      from orders.orders`;
    expect(placed).toEqual({ placed: 30, live: 0 });
  }, 300_000);
});
