import { grades } from '@fruitables/catalog/contract/values';
import type { Farm, LotTrace, Offer, Photo, Product } from '../catalog/schemas.ts';

/** Fixture data in catalog's documented response shapes (ids are fresh UUIDs unless given). */
export function fixtureFarm(overrides: Partial<Farm> = {}): Farm {
  return {
    id: crypto.randomUUID(),
    name: '햇살사과농원',
    regionSido: '충청북도',
    regionSigungu: '충주시',
    story: '해발 300m 산자락에서 3대째 사과를 키웁니다.\n서리 맞기 직전에 땁니다.',
    certifications: [{ kind: 'GAP', number: 'GAP-2026-0001' }],
    photos: [],
    ...overrides,
  };
}

export function fixtureOffer(overrides: Partial<Offer> = {}): Offer {
  return {
    id: crypto.randomUUID(),
    grade: '특',
    packKg: 5,
    countPerBox: 14,
    priceKrw: 39_000,
    perOrderLimit: null,
    stockState: 'in_stock',
    freshestLot: { lotCode: 'CJ-FUJI-T50-261118', harvestedOn: '2026-11-18', brix: 15.2 },
    ...overrides,
  };
}

export function fixtureProduct(farm: Farm, overrides: Partial<Product> = {}): Product {
  return {
    id: crypto.randomUUID(),
    farmId: farm.id,
    fruit: '사과',
    variety: '부사',
    description: '서리 맞기 직전까지 나무에서 익힌 충주 부사입니다.',
    seasonMonths: [10, 11, 12],
    storageAdvice: '비닐에 담아 냉장(0~4℃) 보관하세요.',
    offers: [fixtureOffer(), fixtureOffer({ grade: '못난이', priceKrw: 23_000, countPerBox: null })],
    photos: [],
    ...overrides,
  };
}

export function fixturePhoto(alt = '수확 직전의 부사 사과'): Photo {
  const key = crypto.randomUUID();
  return {
    id: crypto.randomUUID(),
    width: 1280,
    height: 960,
    alt,
    variants: [320, 640, 1280].map((width) => ({
      width,
      height: (width * 3) / 4,
      url: `/api/catalog/v1/media/${key}-${width}.webp`,
    })),
  };
}

export function fixtureLot(farm: Farm, product: Product, offer: Offer, lotCode: string): LotTrace {
  return {
    lotCode,
    harvestedOn: offer.freshestLot?.harvestedOn ?? '2026-11-18',
    boxesHarvested: 120,
    brix: offer.freshestLot?.brix ?? null,
    note: '서리 맞기 전 수확',
    farm: { id: farm.id, name: farm.name, regionSido: farm.regionSido, regionSigungu: farm.regionSigungu },
    offer: { id: offer.id, grade: offer.grade, packKg: offer.packKg },
    product: { id: product.id, fruit: product.fruit, variety: product.variety },
  };
}

const fruits = [
  ['사과', ['부사', '홍로', '시나노골드', '감홍']],
  ['배', ['신고', '원황']],
  ['감귤', ['노지감귤', '천혜향', '레드향']],
  ['딸기', ['설향', '킹스베리', '금실']],
  ['포도', ['샤인머스캣', '캠벨얼리']],
  ['복숭아', ['백도', '황도']],
  ['참외', ['성주참외']],
  ['한라봉', ['한라봉']],
] as const;
const regions = [
  ['충청북도', '충주시'],
  ['경상북도', '청송군'],
  ['전라남도', '나주시'],
  ['제주특별자치도', '서귀포시'],
  ['충청남도', '논산시'],
  ['경상북도', '성주군'],
] as const;

/** A deterministic catalog of `count` products over `count / 5` farms, for the big build. */
export function fixtureCatalog(count: number): { farms: Farm[]; products: Product[] } {
  const farms = Array.from({ length: Math.max(1, Math.ceil(count / 5)) }, (_, index) => {
    const [sido, sigungu] = regions[index % regions.length] ?? regions[0];
    return fixtureFarm({
      name: `${sigungu.slice(0, 2)} 농원 ${index + 1}`,
      regionSido: sido,
      regionSigungu: sigungu,
      certifications: index % 3 === 0 ? [{ kind: 'GAP', number: `GAP-${index}` }] : [],
    });
  });
  const products = Array.from({ length: count }, (_, index) => {
    const farm = farms[index % farms.length] ?? farms[0];
    const [fruit, varieties] = fruits[index % fruits.length] ?? fruits[0];
    const variety = varieties[index % varieties.length] ?? fruit;
    const offers = Array.from({ length: 3 + (index % 3) }, (_, o) =>
      fixtureOffer({
        grade: grades[o % grades.length],
        packKg: [2, 3, 5][o % 3],
        priceKrw: 15_000 + ((index * 7 + o * 3) % 40) * 1_000,
        stockState: o === 4 ? 'sold_out' : o === 3 ? 'low' : 'in_stock',
        freshestLot: {
          lotCode: `L${index}-${o}`,
          harvestedOn: `2026-11-${String(1 + (index % 20)).padStart(2, '0')}`,
          brix: 12 + (o % 4),
        },
      }),
    );
    return fixtureProduct(farm ?? fixtureFarm(), {
      fruit,
      variety,
      seasonMonths: [1 + (index % 12), 1 + ((index + 1) % 12)],
      offers,
    });
  });
  return { farms, products };
}
