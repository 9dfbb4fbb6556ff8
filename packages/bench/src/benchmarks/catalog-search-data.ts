import { newId, toSeoulDate } from '@fruitables/core';
import type postgres from 'postgres';

/**
 * A realistic Korean fruit catalog for the search benchmark: farms spread over the growing
 * regions (청송 사과, 나주 배, 서귀포 한라봉, 성주 참외, 논산 딸기…), each growing the fruits
 * its region is known for, every product in several grades (못난이 included) and packs,
 * harvest lots of varying age and sales. Deterministic (seeded), so runs compare.
 */
export interface SearchCatalogShape {
  farms: number;
  offers: number;
}

interface Variety {
  fruit: string;
  variety: string;
  /** KRW per kg for grade 상. */
  pricePerKg: number;
  packsKg: number[];
  /** Fruits sold by the piece say how many per box, by pack. */
  countPerKg?: number;
}

const varieties: Record<string, Variety[]> = {
  사과: [
    { fruit: '사과', variety: '부사', pricePerKg: 7_000, packsKg: [3, 5, 10], countPerKg: 3 },
    { fruit: '사과', variety: '홍로', pricePerKg: 7_500, packsKg: [3, 5, 10], countPerKg: 3 },
    { fruit: '사과', variety: '시나노골드', pricePerKg: 8_000, packsKg: [3, 5], countPerKg: 3 },
    { fruit: '사과', variety: '감홍', pricePerKg: 9_000, packsKg: [3, 5], countPerKg: 3 },
    { fruit: '사과', variety: '아리수', pricePerKg: 7_800, packsKg: [3, 5], countPerKg: 3 },
  ],
  배: [
    { fruit: '배', variety: '신고', pricePerKg: 6_000, packsKg: [5, 7.5, 15], countPerKg: 1.6 },
    { fruit: '배', variety: '원황', pricePerKg: 6_500, packsKg: [5, 7.5], countPerKg: 1.6 },
    { fruit: '배', variety: '화산', pricePerKg: 6_200, packsKg: [5, 7.5], countPerKg: 1.6 },
  ],
  감귤: [
    { fruit: '감귤', variety: '노지감귤', pricePerKg: 3_800, packsKg: [3, 5, 10] },
    { fruit: '감귤', variety: '하우스감귤', pricePerKg: 6_000, packsKg: [2, 3, 5] },
    { fruit: '감귤', variety: '천혜향', pricePerKg: 9_500, packsKg: [3, 5] },
    { fruit: '감귤', variety: '레드향', pricePerKg: 10_000, packsKg: [3, 5] },
  ],
  한라봉: [{ fruit: '한라봉', variety: '한라봉', pricePerKg: 9_000, packsKg: [3, 5], countPerKg: 3 }],
  참외: [
    { fruit: '참외', variety: '꿀참외', pricePerKg: 8_000, packsKg: [2, 3, 5] },
    { fruit: '참외', variety: '성주참외', pricePerKg: 8_500, packsKg: [2, 3, 5] },
  ],
  포도: [
    { fruit: '포도', variety: '샤인머스캣', pricePerKg: 14_000, packsKg: [2, 4] },
    { fruit: '포도', variety: '캠벨얼리', pricePerKg: 7_000, packsKg: [2, 5] },
    { fruit: '포도', variety: '거봉', pricePerKg: 9_000, packsKg: [2, 4] },
  ],
  딸기: [
    { fruit: '딸기', variety: '설향', pricePerKg: 15_000, packsKg: [0.5, 1, 2] },
    { fruit: '딸기', variety: '킹스베리', pricePerKg: 24_000, packsKg: [0.5, 1] },
    { fruit: '딸기', variety: '금실', pricePerKg: 19_000, packsKg: [0.5, 1] },
    { fruit: '딸기', variety: '죽향', pricePerKg: 18_000, packsKg: [0.5, 1] },
  ],
  반시: [{ fruit: '반시', variety: '청도반시', pricePerKg: 6_000, packsKg: [3, 5], countPerKg: 6 }],
  단감: [
    { fruit: '단감', variety: '부유', pricePerKg: 5_000, packsKg: [5, 10], countPerKg: 5 },
    { fruit: '단감', variety: '태추', pricePerKg: 7_000, packsKg: [3, 5], countPerKg: 4 },
  ],
  곶감: [{ fruit: '곶감', variety: '둥시', pricePerKg: 30_000, packsKg: [1, 2] }],
  복숭아: [
    { fruit: '복숭아', variety: '황도', pricePerKg: 9_000, packsKg: [2, 4], countPerKg: 3 },
    { fruit: '복숭아', variety: '천도', pricePerKg: 8_500, packsKg: [2, 4], countPerKg: 5 },
    { fruit: '복숭아', variety: '백도', pricePerKg: 9_500, packsKg: [2, 4], countPerKg: 3 },
    { fruit: '복숭아', variety: '신비복숭아', pricePerKg: 12_000, packsKg: [2], countPerKg: 6 },
  ],
  수박: [
    { fruit: '수박', variety: '꿀수박', pricePerKg: 3_000, packsKg: [8, 10] },
    { fruit: '수박', variety: '애플수박', pricePerKg: 4_500, packsKg: [2, 4] },
  ],
  자두: [{ fruit: '자두', variety: '대석', pricePerKg: 8_000, packsKg: [2, 4] }],
  블루베리: [{ fruit: '블루베리', variety: '듀크', pricePerKg: 28_000, packsKg: [0.5, 1] }],
};

/** Where fruit grows: 시/도, 시/군/구 and what the region's farms mostly sell. */
const regions: { sido: string; sigungu: string; fruits: string[] }[] = [
  { sido: '경상북도', sigungu: '청송군', fruits: ['사과'] },
  { sido: '경상북도', sigungu: '영주시', fruits: ['사과'] },
  { sido: '경상북도', sigungu: '안동시', fruits: ['사과'] },
  { sido: '경상북도', sigungu: '의성군', fruits: ['사과', '자두'] },
  { sido: '경상북도', sigungu: '성주군', fruits: ['참외'] },
  { sido: '경상북도', sigungu: '상주시', fruits: ['포도', '곶감'] },
  { sido: '경상북도', sigungu: '김천시', fruits: ['포도', '자두'] },
  { sido: '경상북도', sigungu: '청도군', fruits: ['반시', '복숭아'] },
  { sido: '경상북도', sigungu: '영천시', fruits: ['포도', '복숭아'] },
  { sido: '충청북도', sigungu: '충주시', fruits: ['사과', '복숭아'] },
  { sido: '충청북도', sigungu: '영동군', fruits: ['포도', '곶감'] },
  { sido: '충청북도', sigungu: '음성군', fruits: ['복숭아'] },
  { sido: '충청남도', sigungu: '논산시', fruits: ['딸기'] },
  { sido: '충청남도', sigungu: '천안시', fruits: ['배', '포도'] },
  { sido: '충청남도', sigungu: '예산군', fruits: ['사과'] },
  { sido: '전라남도', sigungu: '나주시', fruits: ['배'] },
  { sido: '전라남도', sigungu: '담양군', fruits: ['딸기', '블루베리'] },
  { sido: '전북특별자치도', sigungu: '고창군', fruits: ['수박'] },
  { sido: '전북특별자치도', sigungu: '장수군', fruits: ['사과'] },
  { sido: '경상남도', sigungu: '거창군', fruits: ['사과'] },
  { sido: '경상남도', sigungu: '김해시', fruits: ['단감'] },
  { sido: '경상남도', sigungu: '진주시', fruits: ['딸기', '단감'] },
  { sido: '경상남도', sigungu: '밀양시', fruits: ['딸기'] },
  { sido: '경기도', sigungu: '안성시', fruits: ['배', '포도'] },
  { sido: '경기도', sigungu: '이천시', fruits: ['복숭아'] },
  { sido: '강원특별자치도', sigungu: '양구군', fruits: ['사과'] },
  { sido: '제주특별자치도', sigungu: '서귀포시', fruits: ['감귤', '한라봉'] },
  { sido: '제주특별자치도', sigungu: '제주시', fruits: ['감귤', '한라봉'] },
];

const farmWords = ['햇살', '푸른', '하늘', '바람', '산골', '맑은', '초록', '은하', '다온', '솔뫼', '한빛', '달빛'];
const farmKinds = ['농원', '과수원', '농장', '영농조합', '팜'];
const grades = [
  { grade: '특', factor: 1.3 },
  { grade: '상', factor: 1 },
  { grade: '보통', factor: 0.85 },
  { grade: '못난이', factor: 0.6 },
] as const;
const maxAgeDays: Record<string, number> = { 딸기: 5, 복숭아: 7, 포도: 14, 참외: 10, 반시: 14, 곶감: 120 };

/** A small seeded PRNG (mulberry32): the same catalog every run. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  return { next, pick, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

const daysBefore = (today: string, days: number) => {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - days);
  return day.toISOString().slice(0, 10);
};

async function insertInChunks(owner: postgres.TransactionSql, table: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 2_000) {
    const chunk = rows.slice(i, i + 2_000) as Record<string, postgres.SerializableParameter>[];
    await owner`insert into ${owner(table)} ${owner(chunk)}`;
  }
}

/**
 * Writes the catalog through the real tables (so the lots triggers set newest harvest and
 * boxes sold), then sets each offer's stock state by the catalog's rule, as the stock code
 * would have announced it. Returns the ids of the published offers (what search can find).
 */
export async function loadSearchCatalog(owner: postgres.Sql, shape: SearchCatalogShape, seed = 20_261_118) {
  const rnd = random(seed);
  const today = toSeoulDate(new Date());
  const farms: Record<string, unknown>[] = [];
  const products: Record<string, unknown>[] = [];
  const offers: Record<string, unknown>[] = [];
  const lots: Record<string, unknown>[] = [];
  const allVarieties = Object.values(varieties).flat();
  for (let f = 0; f < shape.farms && offers.length < shape.offers; f++) {
    const offersPerFarm = Math.ceil((shape.offers - offers.length) / (shape.farms - f));
    const region = rnd.pick(regions);
    const farmId = newId();
    const certifications = [
      ...(rnd.next() < 0.45 ? [{ kind: 'GAP', number: `GAP-${rnd.int(10_000, 99_999)}` }] : []),
      ...(rnd.next() < 0.15 ? [{ kind: '무농약', number: `${rnd.int(10, 99)}-2-${rnd.int(100, 999)}` }] : []),
      ...(rnd.next() < 0.08 ? [{ kind: '유기농', number: `${rnd.int(10, 99)}-1-${rnd.int(100, 999)}` }] : []),
    ];
    farms.push({
      id: farmId,
      name: `${region.sigungu.slice(0, 2)} ${rnd.pick(farmWords)}${rnd.pick(farmKinds)}${f}`,
      region_sido: region.sido,
      region_sigungu: region.sigungu,
      certifications: owner.json(certifications),
    });
    // Mostly the region's fruits, sometimes another (a 충주 사과 farm with 복숭아 too).
    const choices = region.fruits.flatMap((fruit) => varieties[fruit] ?? []);
    const grown = new Set<Variety>();
    let farmOffers = 0;
    for (let attempt = 0; attempt < 200 && farmOffers < offersPerFarm; attempt++) {
      const variety = rnd.next() < 0.85 && attempt < 20 ? rnd.pick(choices) : rnd.pick(allVarieties);
      if (grown.has(variety)) continue;
      grown.add(variety);
      const productId = newId();
      products.push({
        id: productId,
        farm_id: farmId,
        fruit: variety.fruit,
        variety: variety.variety,
        description: `${region.sigungu}에서 키운 ${variety.variety}`,
        published: rnd.next() > 0.04,
      });
      for (const { grade, factor } of grades) {
        for (const packKg of variety.packsKg) {
          if (farmOffers >= offersPerFarm || offers.length >= shape.offers) break;
          if (grade === '못난이' && rnd.next() < 0.4) continue;
          const offerId = newId();
          const price = Math.round((variety.pricePerKg * packKg * factor * (0.85 + rnd.next() * 0.3)) / 100) * 100;
          offers.push({
            id: offerId,
            product_id: productId,
            farm_id: farmId,
            grade,
            pack_kg: packKg,
            count_per_box: variety.countPerKg ? Math.round(variety.countPerKg * packKg) : null,
            price_krw: Math.max(price, 1_000),
            published: rnd.next() > 0.05,
          });
          farmOffers++;
          const maxAge = maxAgeDays[variety.fruit] ?? 30;
          for (let l = rnd.int(1, 3); l > 0; l--) {
            // About one lot in ten is past its fruit's max age: off sale, still in the table.
            const age = rnd.next() < 0.1 ? maxAge + rnd.int(0, 5) : rnd.int(0, maxAge - 1);
            const boxes = rnd.int(5, 200);
            lots.push({
              id: newId(),
              offer_id: offerId,
              farm_id: farmId,
              lot_code: `B${f}-${offers.length}-${l}`,
              harvested_on: daysBefore(today, age),
              boxes_harvested: boxes,
              on_hand: boxes,
              brix: Math.round((10 + rnd.next() * 6) * 10) / 10,
            });
          }
        }
      }
    }
  }
  // Only this catalog's rows are touched below: the bench database also holds what earlier
  // benchmarks left (the flash sale's lots still have boxes reserved).
  const farmIds = farms.map((farm) => String(farm.id));
  await owner.begin(async (tx) => {
    await insertInChunks(tx, 'catalog.farms', farms);
    await insertInChunks(tx, 'catalog.products', products);
    await insertInChunks(tx, 'catalog.offers', offers);
    await insertInChunks(tx, 'catalog.lots', lots);
    // Sales, as confirmed holds would leave them (the update trigger counts boxes sold):
    // most lots sold a share, about one in six sold out. Seeded, like the rest.
    await tx`select setseed(0.42)`;
    await tx`
      update catalog.lots
      set sold = s.sold, on_hand = boxes_harvested - s.sold
      from (
        select id, case when random() < 0.17 then boxes_harvested
                        else floor(random() * boxes_harvested * 0.8)::int end as sold
        from catalog.lots
        where farm_id = any(${farmIds}::uuid[])
      ) s
      where lots.id = s.id`;
    await tx`
      update catalog.offers o
      set stock_state = case
        when s.available <= 0 then 'sold_out'
        when s.available <= 5 or s.available <= s.harvested * 0.1 then 'low'
        else 'in_stock' end
      from (
        select o2.id,
          coalesce(sum(l.on_hand - l.reserved) filter (where l.harvested_on > ${today}::date - coalesce(m.max_age_days, 30)), 0) as available,
          coalesce(sum(l.boxes_harvested) filter (where l.harvested_on > ${today}::date - coalesce(m.max_age_days, 30)), 0) as harvested
        from catalog.offers o2
        join catalog.products p on p.id = o2.product_id
        left join catalog.fruit_max_ages m on m.fruit = p.fruit
        left join catalog.lots l on l.offer_id = o2.id
        where o2.farm_id = any(${farmIds}::uuid[])
        group by o2.id
      ) s
      where o.id = s.id`;
  });
  await owner`analyze catalog.farms, catalog.products, catalog.offers, catalog.lots`;
  return {
    farmIds,
    farms: farms.length,
    products: products.length,
    offers: offers.length,
    lots: lots.length,
  };
}
