import { newId, toSeoulDate } from '@fruitables/core';
import type postgres from 'postgres';

const fruits: [string, string[], number][] = [
  ['사과', ['부사', '홍로', '시나노골드', '감홍'], 7_000],
  ['배', ['신고', '원황', '화산'], 6_000],
  ['감귤', ['노지감귤', '천혜향', '레드향'], 5_000],
  ['딸기', ['설향', '킹스베리', '금실'], 15_000],
  ['포도', ['샤인머스캣', '캠벨얼리', '거봉'], 10_000],
  ['복숭아', ['백도', '황도', '천중도'], 8_000],
  ['참외', ['성주참외', '꿀참외'], 8_000],
  ['한라봉', ['한라봉'], 9_000],
];
const regions: [string, string][] = [
  ['충청북도', '충주시'],
  ['경상북도', '청송군'],
  ['전라남도', '나주시'],
  ['제주특별자치도', '서귀포시'],
  ['충청남도', '논산시'],
  ['경상북도', '성주군'],
  ['충청북도', '영동군'],
];
const packs: { grade: string; packKg: number; factor: number }[] = [
  { grade: '특', packKg: 5, factor: 1.3 },
  { grade: '상', packKg: 5, factor: 1 },
  { grade: '못난이', packKg: 5, factor: 0.6 },
  { grade: '특', packKg: 10, factor: 1.2 },
];

async function insert(sql: postgres.TransactionSql, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1_000) {
    const chunk = rows.slice(i, i + 1_000) as Record<string, postgres.SerializableParameter>[];
    await sql`insert into ${sql(table)} ${sql(chunk)}`;
  }
}

/**
 * A deterministic catalog for the build benchmark, written straight into catalog's tables
 * (setup, not the measured part): `products` published products over `products / 5` farms,
 * four offers each (특/상/못난이 5 kg, 특 10 kg) on sale, with one harvest lot per offer.
 */
export async function loadBuildCatalog(owner: postgres.Sql, products: number): Promise<void> {
  const today = new Date(`${toSeoulDate(new Date())}T00:00:00Z`);
  const daysAgo = (days: number) => new Date(today.getTime() - days * 86_400_000).toISOString().slice(0, 10);
  const farms = Array.from({ length: Math.ceil(products / 5) }, (_, f) => {
    const [sido, sigungu] = regions[f % regions.length] ?? ['충청북도', '충주시'];
    return {
      id: newId(),
      name: `${sigungu.slice(0, 2)} 햇살농원 ${f + 1}`,
      region_sido: sido,
      region_sigungu: sigungu,
      story: `${sigungu}에서 ${f % 4 === 0 ? '3대째' : '10년째'} 과일을 키웁니다.`,
      certifications: owner.json(f % 3 === 0 ? [{ kind: 'GAP', number: `GAP-${10_000 + f}` }] : []),
    };
  });
  const productRows: Record<string, unknown>[] = [];
  const offers: Record<string, unknown>[] = [];
  const lots: Record<string, unknown>[] = [];
  for (let p = 0; p < products; p++) {
    const farm = farms[p % farms.length];
    // A farm's products (p, p + farms, p + 2 farms, ...) get different fruits: catalog allows
    // one product per farm, fruit and variety.
    const round = Math.floor(p / farms.length);
    const [fruit, varieties, pricePerKg] = fruits[(p + round) % fruits.length] ??
      fruits[0] ?? ['사과', ['부사'], 7_000];
    const productId = newId();
    productRows.push({
      id: productId,
      farm_id: farm?.id,
      fruit,
      variety: varieties[(p >> 3) % varieties.length] ?? fruit,
      description: `${farm?.region_sigungu ?? ''}에서 키운 ${fruit}입니다. 당도가 높고 향이 좋습니다.`,
      season_months: [1 + (p % 12), 1 + ((p + 1) % 12), 1 + ((p + 2) % 12)],
      storage_advice: '서늘한 곳이나 냉장(0~4℃) 보관하세요.',
      published: true,
    });
    packs.forEach((pack, o) => {
      const offerId = newId();
      offers.push({
        id: offerId,
        product_id: productId,
        farm_id: farm?.id,
        grade: pack.grade,
        pack_kg: pack.packKg,
        count_per_box: null,
        price_krw: Math.round((pricePerKg * pack.packKg * pack.factor) / 1_000) * 1_000,
        published: true,
        stock_state: o === 3 && p % 4 === 0 ? 'low' : 'in_stock',
      });
      lots.push({
        id: newId(),
        offer_id: offerId,
        farm_id: farm?.id,
        lot_code: `SB${p}-${o}`,
        harvested_on: daysAgo((p + o) % 5),
        boxes_harvested: 100,
        on_hand: 100,
        brix: 11 + ((p + o) % 5),
      });
    });
  }
  await owner.begin(async (tx) => {
    await insert(tx, 'catalog.farms', farms);
    await insert(tx, 'catalog.products', productRows);
    await insert(tx, 'catalog.offers', offers);
    await insert(tx, 'catalog.lots', lots);
  });
}
