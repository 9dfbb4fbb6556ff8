import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartViewSchema } from '../../contract/index.ts';
import { offerOnSale } from '../../testing/fixtures.ts';
import { call, createHarness, type OrdersHarness } from '../../testing/harness.ts';

let h: OrdersHarness;

beforeAll(async () => {
  h = await createHarness('cart');
});
afterAll(async () => {
  await h.close();
});

describe('the cart', () => {
  it("prices a guest's cart live: per-farm subtotals, each farm's fee rule, promises, a changed price flagged", async () => {
    const apples = await offerOnSale(h, { priceKrw: 12_000, farmName: '햇살농원' });
    const pears = await offerOnSale(h, { priceKrw: 16_000, farmName: '배꽃농원' });
    const response = await call(h, 'POST', '/v1/cart/price', {
      body: {
        items: [
          { offerId: apples.offerId, quantity: 3, addedUnitPrice: 11_000 },
          { offerId: pears.offerId, quantity: 1 },
        ],
        postcode: '63100',
      },
    });
    expect(response.status, response.text).toBe(200);
    const cart = response.parse(cartViewSchema);
    expect(cart.items[0]).toMatchObject({
      title: expect.stringMatching(/^사과 .+ 특 5kg$/),
      unitPrice: 12_000,
      addedUnitPrice: 11_000,
      priceChanged: true,
      lineTotal: 36_000,
      stockState: 'in_stock',
      productUrl: `/products/${apples.productId}/`,
    });
    // Jeju: every farm pays the 3,000원 surcharge; only the farm under 30,000원 pays the base fee too.
    expect(cart.farms.map((farm) => [farm.farmName, farm.goodsTotal, farm.deliveryFee])).toEqual([
      ['햇살농원', 36_000, 3_000],
      ['배꽃농원', 16_000, 6_000],
    ]);
    expect(cart.farms[0]?.promise?.area).toBe('jeju');
    expect(cart).toMatchObject({ goodsTotal: 52_000, deliveryTotal: 9_000, total: 61_000 });
    expect(cart.problems.map((problem) => problem.code)).toEqual(['price_changed']);
  });

  it("keeps a shopper's cart on the server and merges a guest cart into it, capped by the per-order limit", async () => {
    const limited = await offerOnSale(h, { perOrderLimit: 3 });
    const other = await offerOnSale(h);
    const token = await h.signer.shopper();
    const put = await call(h, 'PUT', `/v1/cart/items/${limited.offerId}`, { token, body: { quantity: 2 } });
    expect(put.status, put.text).toBe(200);
    const merged = await call(h, 'POST', '/v1/cart/merge', {
      token,
      body: {
        items: [
          { offerId: limited.offerId, quantity: 2 },
          { offerId: other.offerId, quantity: 1, addedUnitPrice: other.priceKrw },
        ],
      },
    });
    expect(merged.status, merged.text).toBe(200);
    expect(merged.parse(cartViewSchema).items.map((item) => [item.offerId, item.quantity])).toEqual([
      [limited.offerId, 3],
      [other.offerId, 1],
    ]);
    const removed = await call(h, 'DELETE', `/v1/cart/items/${limited.offerId}`, { token });
    expect(removed.parse(cartViewSchema).items.map((item) => item.offerId)).toEqual([other.offerId]);
    const again = await call(h, 'GET', '/v1/cart', { token });
    expect(again.parse(cartViewSchema).items).toHaveLength(1);
    const stranger = await call(h, 'GET', '/v1/cart', { token: await h.signer.shopper() });
    expect(stranger.parse(cartViewSchema).items).toEqual([]);
  });

  it('flags an offer no longer on sale instead of failing the cart', async () => {
    const response = await call(h, 'POST', '/v1/cart/price', {
      body: { items: [{ offerId: crypto.randomUUID(), quantity: 1 }] },
    });
    const cart = response.parse(cartViewSchema);
    expect(cart.problems.map((problem) => problem.code)).toEqual(['offer_unavailable']);
    expect(cart.total).toBe(0);
  });
});
