import { newId } from '@fruitables/core';
import { withId } from '@fruitables/kit/testing';
import { type Certification, farms } from '@fruitables/schema-catalog';
import { searchPageSchema } from '../routes/search/schema.ts';
import { type CatalogHarness, call, daysAgo, ordersServiceToken, seedLot } from './harness.ts';

/** Test helpers for search: a small catalog where each filter and sort has something to get wrong. */

export interface FixtureFarm {
  farmId: string;
  token: string;
}

export async function addFarm(
  h: CatalogHarness,
  name: string,
  sido: string,
  sigungu: string,
  certifications: Certification[] = [],
): Promise<FixtureFarm> {
  const farmId = newId();
  const accountId = newId();
  await h.db.insert(farms).values({ id: farmId, name, regionSido: sido, regionSigungu: sigungu, certifications });
  return { farmId, token: await h.signer.farmer([farmId], { sub: accountId }) };
}

export async function addProduct(
  h: CatalogHarness,
  farm: FixtureFarm,
  fruit: string,
  variety: string,
  published = true,
): Promise<string> {
  const response = await call(h, 'POST', `/v1/farms/${farm.farmId}/products`, {
    token: farm.token,
    body: { fruit, variety, published },
  });
  if (response.status !== 201) throw new Error(`product: ${response.status} ${response.text}`);
  return response.parse(withId).id;
}

export async function addOffer(
  h: CatalogHarness,
  farm: FixtureFarm,
  productId: string,
  offer: { grade: string; priceKrw: number; packKg?: number; published?: boolean },
): Promise<string> {
  const response = await call(h, 'POST', `/v1/farms/${farm.farmId}/products/${productId}/offers`, {
    token: farm.token,
    body: {
      grade: offer.grade,
      packKg: offer.packKg ?? 5,
      priceKrw: offer.priceKrw,
      published: offer.published ?? true,
    },
  });
  if (response.status !== 201) throw new Error(`offer: ${response.status} ${response.text}`);
  return response.parse(withId).id;
}

let lotNumber = 0;

/** A lot of `boxes` harvested `age` days ago, published through the API (stock state announced). */
export async function addLot(h: CatalogHarness, farm: FixtureFarm, offerId: string, age: number, boxes: number) {
  lotNumber += 1;
  return seedLot(h, farm, offerId, { lotCode: `L-${lotNumber}`, harvestedOn: daysAgo(h, age), boxesHarvested: boxes });
}

/** Sells boxes the way checkout does: a hold, then its confirmation (which counts boxes sold). */
export async function sell(h: CatalogHarness, offerId: string, quantity: number): Promise<void> {
  const service = await ordersServiceToken(h.signer);
  const held = await call(h, 'POST', '/internal/v1/holds', {
    token: service,
    headers: { 'idempotency-key': `search-${crypto.randomUUID()}` },
    body: { lines: [{ offerId, quantity }] },
  });
  if (held.status !== 201) throw new Error(`hold: ${held.status} ${held.text}`);
  const { id } = held.parse(withId);
  const confirmed = await call(h, 'POST', `/internal/v1/holds/${id}/confirm`, { token: service });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${confirmed.text}`);
}

export interface SearchItem {
  offerId: string;
  productId: string;
  farmId: string;
  farmName: string;
  region: { sido: string; sigungu: string };
  fruit: string;
  variety: string;
  grade: string;
  packKg: number;
  priceKrw: number;
  stockState: string;
  newestHarvestOn: string | null;
  certifications: string[];
}

export interface SearchBody {
  items: SearchItem[];
  sort: string;
  nextCursor: string | null;
}

/** GET /v1/search with these parameters (arrays repeat the parameter). */
export async function search(h: CatalogHarness, params: Record<string, string | number | string[]> = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) query.append(name, String(one));
  }
  return call(h, 'GET', `/v1/search?${query}`);
}

export async function searchBody(h: CatalogHarness, params: Record<string, string | number | string[]> = {}) {
  const response = await search(h, params);
  if (response.status !== 200) throw new Error(`search: ${response.status} ${response.text}`);
  return response.parse(searchPageSchema);
}

/** Every page of a search, following nextCursor. */
export async function allPages(h: CatalogHarness, params: Record<string, string | number | string[]>) {
  const items: SearchItem[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const body: SearchBody = await searchBody(h, cursor ? { ...params, cursor } : params);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('more than 100 pages');
}

/**
 * The catalog most search tests use. Names in the returned map are `farm:variety:grade`.
 * - 충주 햇살농원 (충북, GAP): 부사 특 (sold 12) and 못난이, 홍로 상 with no lot (sold out),
 *   감홍 in an unpublished product.
 * - 청송 사과나무농원 (경북, 유기농): 신고 배 (found by "사과" only through the farm name) and 시나노골드.
 * - 서귀포 귤림원 (제주, 무농약 + GAP): 한라봉, 노지감귤 못난이, 천혜향 (3 boxes: low).
 * - 영동 포도마을 (충북): 샤인머스캣 (sold 20), 캠벨얼리, and an unpublished 거봉 offer.
 * - 논산 딸기팜 (stored as 충남): 설향 whose only lot aged past 딸기's 5 days after it was announced.
 * - 나주 배꽃과수원 (전남, GAP): 신고 특.
 */
export async function buildSearchCatalog(h: CatalogHarness) {
  const ids = new Map<string, string>();
  const offer = async (
    farm: FixtureFarm,
    key: string,
    productId: string,
    grade: string,
    priceKrw: number,
    lot?: { age: number; boxes: number },
  ) => {
    const offerId = await addOffer(h, farm, productId, { grade, priceKrw });
    if (lot) await addLot(h, farm, offerId, lot.age, lot.boxes);
    ids.set(key, offerId);
    return offerId;
  };

  const chungju = await addFarm(h, '충주 햇살농원', '충청북도', '충주시', [{ kind: 'GAP', number: 'GAP-1' }]);
  const fuji = await addProduct(h, chungju, '사과', '부사');
  await offer(chungju, '충주:부사:특', fuji, '특', 39_000, { age: 1, boxes: 50 });
  await offer(chungju, '충주:부사:못난이', fuji, '못난이', 19_000, { age: 3, boxes: 40 });
  await offer(chungju, '충주:홍로:상', await addProduct(h, chungju, '사과', '홍로'), '상', 32_000);
  await offer(chungju, '충주:감홍:특', await addProduct(h, chungju, '사과', '감홍', false), '특', 45_000, {
    age: 2,
    boxes: 10,
  });

  const cheongsong = await addFarm(h, '청송 사과나무농원', '경상북도', '청송군', [
    { kind: '유기농', number: '51-1-1' },
  ]);
  await offer(cheongsong, '청송:신고:상', await addProduct(h, cheongsong, '배', '신고'), '상', 45_000, {
    age: 4,
    boxes: 30,
  });
  await offer(cheongsong, '청송:시나노골드:특', await addProduct(h, cheongsong, '사과', '시나노골드'), '특', 52_000, {
    age: 2,
    boxes: 30,
  });

  const jeju = await addFarm(h, '서귀포 귤림원', '제주특별자치도', '서귀포시', [
    { kind: '무농약', number: '52-2-7' },
    { kind: 'GAP', number: 'GAP-2' },
  ]);
  await offer(jeju, '서귀포:한라봉:특', await addProduct(h, jeju, '한라봉', '한라봉'), '특', 48_000, {
    age: 5,
    boxes: 40,
  });
  await offer(jeju, '서귀포:노지감귤:못난이', await addProduct(h, jeju, '감귤', '노지감귤'), '못난이', 15_000, {
    age: 6,
    boxes: 100,
  });
  await offer(jeju, '서귀포:천혜향:상', await addProduct(h, jeju, '감귤', '천혜향'), '상', 42_000, {
    age: 2,
    boxes: 3,
  });

  const yeongdong = await addFarm(h, '영동 포도마을', '충청북도', '영동군');
  await offer(yeongdong, '영동:샤인머스캣:특', await addProduct(h, yeongdong, '포도', '샤인머스캣'), '특', 55_000, {
    age: 0,
    boxes: 60,
  });
  const campbell = await addProduct(h, yeongdong, '포도', '캠벨얼리');
  await offer(yeongdong, '영동:캠벨얼리:보통', campbell, '보통', 25_000, { age: 7, boxes: 20 });
  ids.set('영동:거봉:상', await addOffer(h, yeongdong, campbell, { grade: '상', priceKrw: 30_000, published: false }));

  const nonsan = await addFarm(h, '논산 딸기팜', '충남', '논산시');
  const seolhyang = await offer(nonsan, '논산:설향:상', await addProduct(h, nonsan, '딸기', '설향'), '상', 28_000, {
    age: 4,
    boxes: 20,
  });
  // Time passes: the lot is now 6 days old, past 딸기's 5. Nothing announces that, so the
  // offer's announced state is still in_stock; search must go by the lots.
  await h.owner`update catalog.lots set harvested_on = ${daysAgo(h, 6)} where offer_id = ${seolhyang}`;

  const naju = await addFarm(h, '나주 배꽃과수원', '전라남도', '나주시', [{ kind: 'GAP', number: 'GAP-3' }]);
  await offer(naju, '나주:신고:특', await addProduct(h, naju, '배', '신고'), '특', 60_000, { age: 8, boxes: 25 });

  const offerId = (key: string): string => {
    const id = ids.get(key);
    if (!id) throw new Error(`no offer ${key} in the search catalog`);
    return id;
  };
  await sell(h, offerId('영동:샤인머스캣:특'), 20);
  await sell(h, offerId('충주:부사:특'), 12);
  await sell(h, offerId('서귀포:한라봉:특'), 5);
  return { offerId, keyOf: (id: string) => [...ids].find(([, value]) => value === id)?.[0] ?? id };
}
