import { toSeoulDate } from '@fruitables/core';
import { callApi, expectStatus } from './api.ts';

export interface Farmer {
  farmId: string;
  token: string;
}

export interface ListedProduct {
  productId: string;
  offerId: string;
  priceKrw: number;
}

/** Waits (on the condition, not a clock) until catalog has applied FarmerVerified for the farm. */
export async function waitForFarm(edge: string, farmId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    // A query string of its own per attempt: the edge may cache catalog's public reads.
    const answer = await callApi(edge, 'GET', `/api/catalog/v1/farms/${farmId}?attempt=${attempt}`);
    if (answer.status === 200) return;
    await Bun.sleep(50);
  }
  throw new Error(`catalog did not learn about farm ${farmId} within ${timeoutMs} ms`);
}

/** A product with one offer in stock, published through catalog's farmer API (as a farmer's app does it). */
export async function listProduct(
  edge: string,
  farmer: Farmer,
  priceKrw: number,
  variety = '감홍',
): Promise<ListedProduct> {
  const base = `/api/catalog/v1/farms/${farmer.farmId}`;
  const product = await expectStatus<{ id: string }>(
    callApi(edge, 'POST', `${base}/products`, {
      token: farmer.token,
      body: {
        fruit: '사과',
        variety,
        description: `청송 해발 250m에서 키운 ${variety}입니다.`,
        seasonMonths: [9, 10, 11],
        storageAdvice: '0~4℃ 냉장 보관하세요.',
      },
    }),
    201,
    'create a product',
  );
  const offer = await expectStatus<{ id: string }>(
    callApi(edge, 'POST', `${base}/products/${product.id}/offers`, {
      token: farmer.token,
      body: { grade: '특', packKg: 5, priceKrw, published: true },
    }),
    201,
    'create an offer',
  );
  await expectStatus(
    callApi(edge, 'POST', `${base}/offers/${offer.id}/lots`, {
      token: farmer.token,
      body: { lotCode: 'E2E-1', harvestedOn: toSeoulDate(new Date()), boxesHarvested: 50, brix: 14.2 },
    }),
    201,
    'add a harvest lot',
  );
  await expectStatus(
    callApi(edge, 'PATCH', `${base}/products/${product.id}`, { token: farmer.token, body: { published: true } }),
    200,
    'publish the product',
  );
  return { productId: product.id, offerId: offer.id, priceKrw };
}

export const changePrice = (edge: string, farmer: Farmer, offerId: string, priceKrw: number) =>
  expectStatus(
    callApi(edge, 'PATCH', `/api/catalog/v1/farms/${farmer.farmId}/offers/${offerId}`, {
      token: farmer.token,
      body: { priceKrw },
    }),
    200,
    'change the price',
  );
