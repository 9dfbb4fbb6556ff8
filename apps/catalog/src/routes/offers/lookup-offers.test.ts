import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerSummaryListSchema } from '../../contract/offer-lookup.ts';
import { type CatalogHarness, call, createHarness, seedOffer } from '../../testing/harness.ts';
import { lotOnSale } from '../../testing/stock.ts';

let h: CatalogHarness;

beforeAll(async () => {
  h = await createHarness('lookup-offers');
});
afterAll(async () => {
  await h.close();
});

describe('GET /v1/offers?ids=', () => {
  it('answers each published offer asked for with its live price, stock state, product and farm', async () => {
    const sale = await lotOnSale(h, 40);
    const unpublished = await seedOffer(h, sale.farm, { variety: '홍로', grade: '상' });
    await call(h, 'PATCH', `/v1/farms/${sale.farm.farmId}/offers/${unpublished.offerId}`, {
      token: sale.farm.token,
      body: { published: false },
    });
    const missing = '0196f0c2-7b3a-7c1e-8f00-00000000beef';
    const response = await call(h, 'GET', `/v1/offers?ids=${sale.offerId},${unpublished.offerId},${missing}`);
    expect(response.status).toBe(200);
    const { items } = response.parse(offerSummaryListSchema);
    expect(items).toEqual([
      expect.objectContaining({
        id: sale.offerId,
        productId: sale.productId,
        farmId: sale.farm.farmId,
        farmName: '햇살농원',
        fruit: '사과',
        grade: '특',
        packKg: 5,
        priceKrw: 39000,
        perOrderLimit: null,
        stockState: 'in_stock',
      }),
    ]);
  });

  it('refuses a bad id or too many ids, naming the field', async () => {
    const bad = await call(h, 'GET', '/v1/offers?ids=not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.problem.errors?.[0]?.field).toBe('ids[0]');
    const many = Array.from({ length: 51 }, () => crypto.randomUUID()).join(',');
    expect((await call(h, 'GET', `/v1/offers?ids=${many}`)).status).toBe(400);
  });
});
