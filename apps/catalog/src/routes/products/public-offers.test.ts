import { responseSchema, withId } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicProductSchema } from '../../contract/public-reads.ts';
import {
  type CatalogHarness,
  call,
  createHarness,
  daysAgo,
  seedFarm,
  seedLot,
  seedOffer,
} from '../../testing/harness.ts';
import { listProductsRoute } from './list-products.ts';

let h: CatalogHarness;
let farm: { farmId: string; token: string };
beforeAll(async () => {
  h = await createHarness('catalog-public-offers');
  farm = await seedFarm(h, '고창 바람농원');
});
afterAll(async () => {
  await h.close();
});

interface PublicOffer {
  id: string;
  grade: string;
  priceKrw: number;
  stockState: string;
  freshestLot: { lotCode: string; harvestedOn: string; brix: number | null } | null;
}

async function addOffer(productId: string, body: { grade: string; priceKrw: number; published: boolean }) {
  const response = await call(h, 'POST', `/v1/farms/${farm.farmId}/products/${productId}/offers`, {
    token: farm.token,
    body: { packKg: 5, ...body },
  });
  if (response.status !== 201) throw new Error(`offer: ${response.status} ${response.text}`);
  return response.parse(withId).id;
}

const getProduct = async (productId: string) =>
  (await call(h, 'GET', `/v1/products/${productId}`)).parse(publicProductSchema);

/** The product as the list shows it: both reads must tell the same story. */
async function listedProduct(productId: string) {
  const page = (await call(h, 'GET', `/v1/products?farmId=${farm.farmId}&limit=100`)).parse(
    responseSchema(listProductsRoute, 200),
  );
  return page.items.find((item) => item.id === productId);
}

describe('public offers of a product', () => {
  it('lists a published product without offers with an empty offer list', async () => {
    const created = await call(h, 'POST', `/v1/farms/${farm.farmId}/products`, {
      token: farm.token,
      body: { fruit: '배', variety: '신고', published: true },
    });
    const { id } = created.parse(withId);
    expect((await getProduct(id)).offers).toEqual([]);
    expect((await listedProduct(id))?.offers).toEqual([]);
  });

  it('shows only published offers, cheapest first', async () => {
    const { productId, offerId: premium } = await seedOffer(h, farm, {
      fruit: '사과',
      variety: '홍로',
      grade: '특',
      priceKrw: 45000,
    });
    const ugly = await addOffer(productId, { grade: '못난이', priceKrw: 21000, published: true });
    await addOffer(productId, { grade: '상', priceKrw: 33000, published: false });
    for (const product of [await getProduct(productId), await listedProduct(productId)]) {
      expect(product?.offers.map((offer) => [offer.id, offer.priceKrw])).toEqual([
        [ugly, 21000],
        [premium, 45000],
      ]);
      expect(product?.offers.map((offer) => offer.stockState)).toEqual(['sold_out', 'sold_out']);
    }
  });

  it('neither counts nor shows lots past the fruit’s max age', async () => {
    // 딸기 (strawberries) stay on sale 5 days: a lot harvested 5 days ago is off sale.
    const { productId, offerId } = await seedOffer(h, farm, { fruit: '딸기', variety: '금실' });
    await seedLot(h, farm, offerId, { lotCode: 'BERRY-OLD', harvestedOn: daysAgo(h, 5), boxesHarvested: 80 });
    const expectOffer = async (expected: Partial<PublicOffer>) => {
      for (const product of [await getProduct(productId), await listedProduct(productId)]) {
        expect(product?.offers).toEqual([expect.objectContaining(expected)]);
      }
    };
    await expectOffer({ stockState: 'sold_out', freshestLot: null });
    await seedLot(h, farm, offerId, {
      lotCode: 'BERRY-NEW',
      harvestedOn: daysAgo(h, 4),
      boxesHarvested: 4,
      brix: 11.5,
    });
    // Four sellable boxes are "low"; the 80 old ones would have made it in stock.
    await expectOffer({
      stockState: 'low',
      freshestLot: { lotCode: 'BERRY-NEW', harvestedOn: daysAgo(h, 4), brix: 11.5 },
    });
  });

  it('shows as freshest the newest lot that still has a free box, and counts held boxes as gone', async () => {
    const { productId, offerId } = await seedOffer(h, farm, { fruit: '복숭아', variety: '천중도' });
    await seedLot(h, farm, offerId, { lotCode: 'PEACH-1', harvestedOn: daysAgo(h, 3), boxesHarvested: 100 });
    const newest = await seedLot(h, farm, offerId, {
      lotCode: 'PEACH-2',
      harvestedOn: daysAgo(h, 1),
      boxesHarvested: 20,
    });
    await h.owner`update catalog.lots set reserved = on_hand where id = ${newest}`;
    for (const product of [await getProduct(productId), await listedProduct(productId)]) {
      expect(product?.offers[0]?.freshestLot?.lotCode).toBe('PEACH-1');
      // 100 free of 120 harvested: in stock.
      expect(product?.offers[0]?.stockState).toBe('in_stock');
    }
    await h.owner`update catalog.lots set reserved = on_hand - 10 where offer_id = ${offerId} and lot_code = 'PEACH-1'`;
    // 10 free boxes of 120 harvested is under 10%: low.
    expect((await getProduct(productId)).offers[0]?.stockState).toBe('low');
  });
});
