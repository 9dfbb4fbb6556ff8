import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogHarness, createHarness } from '../../testing/harness.ts';
import { buildSearchCatalog, searchBody } from '../../testing/search-fixture.ts';

let h: CatalogHarness;
let catalog: Awaited<ReturnType<typeof buildSearchCatalog>>;
beforeAll(async () => {
  h = await createHarness('catalog-search');
  catalog = await buildSearchCatalog(h);
});
afterAll(async () => {
  await h.close();
});

/** The fixture names (`farm:variety:grade`) of a search's results, in order. */
const found = async (params: Record<string, string | number | string[]>) =>
  (await searchBody(h, { limit: 50, ...params })).items.map((item) => catalog.keyOf(item.offerId));
const sorted = (keys: string[]) => [...keys].sort();

describe('search text (Korean)', () => {
  it('finds a fruit by name, apples first, then what only the farm name matched', async () => {
    const keys = await found({ q: '사과' });
    expect(sorted(keys)).toEqual(
      sorted(['충주:부사:특', '충주:부사:못난이', '충주:홍로:상', '청송:시나노골드:특', '청송:신고:상']),
    );
    // 시나노골드 matches twice (apple, at 사과나무농원); the farm's 배 only through its name.
    expect(keys[0]).toBe('청송:시나노골드:특');
    expect(keys.at(-1)).toBe('청송:신고:상');
  });

  it('finds a variety, a word start, a word part and a misspelling', async () => {
    expect(sorted(await found({ q: '부사' }))).toEqual(['충주:부사:못난이', '충주:부사:특']);
    expect(await found({ q: '한라' })).toEqual(['서귀포:한라봉:특']);
    expect(await found({ q: '샤인' })).toEqual(['영동:샤인머스캣:특']);
    expect(await found({ q: '머스캣' })).toEqual(['영동:샤인머스캣:특']);
    expect(await found({ q: '샤인머스켓' })).toEqual(['영동:샤인머스캣:특']);
    expect(await found({ q: '천혜' })).toEqual(['서귀포:천혜향:상']);
    // One character in the middle of a word: 천혜향 and 설향.
    expect(sorted(await found({ q: '향' }))).toEqual(['논산:설향:상', '서귀포:천혜향:상']);
  });

  it('needs every word somewhere: in the product, the farm name or the region', async () => {
    expect(sorted(await found({ q: '충주 사과' }))).toEqual(['충주:부사:못난이', '충주:부사:특', '충주:홍로:상']);
    expect(await found({ q: '제주 한라봉' })).toEqual(['서귀포:한라봉:특']);
    expect(sorted(await found({ q: '경북' }))).toEqual(['청송:시나노골드:특', '청송:신고:상']);
    expect(await found({ q: '나주 배' })).toEqual(['나주:신고:특']);
    expect(await found({ q: '한라봉 충주' })).toEqual([]);
  });

  it('reads 못난이 (and 흠과, B급) as the grade, and decomposed Hangul as composed', async () => {
    expect(await found({ q: '못난이 사과' })).toEqual(['충주:부사:못난이']);
    expect(sorted(await found({ q: 'B급' }))).toEqual(['서귀포:노지감귤:못난이', '충주:부사:못난이']);
    expect(await found({ q: '흠과', grade: '특' })).toEqual([]);
    expect(await found({ q: '사과'.normalize('NFD') })).toEqual(await found({ q: '사과' }));
    expect(await found({ q: '  샤인 , ' })).toEqual(['영동:샤인머스캣:특']);
  });

  it('never shows an unpublished product or offer', async () => {
    expect(await found({ q: '감홍' })).toEqual([]);
    const everything = await found({});
    expect(everything).not.toContain('충주:감홍:특');
    expect(everything).not.toContain('영동:거봉:상');
    expect(everything).toHaveLength(12);
  });
});

describe('search filters', () => {
  it('filters by fruit and variety exactly', async () => {
    expect(sorted(await found({ fruit: '배' }))).toEqual(['나주:신고:특', '청송:신고:상']);
    expect(sorted(await found({ variety: '신고' }))).toEqual(['나주:신고:특', '청송:신고:상']);
    expect(await found({ fruit: '사' })).toEqual([]);
    expect(await found({ fruit: '포도', variety: '캠벨얼리' })).toEqual(['영동:캠벨얼리:보통']);
  });

  it('filters by 시/도 in any spelling, and by the start of a 시/군/구', async () => {
    expect(sorted(await found({ region: '충청북도' }))).toEqual(
      sorted(['충주:부사:특', '충주:부사:못난이', '충주:홍로:상', '영동:샤인머스캣:특', '영동:캠벨얼리:보통']),
    );
    expect(sorted(await found({ region: '충북 영동' }))).toEqual(['영동:샤인머스캣:특', '영동:캠벨얼리:보통']);
    // The farm wrote "충남"; the shopper picks 충청남도.
    expect(await found({ region: '충청남도' })).toEqual(['논산:설향:상']);
    expect(await found({ region: '제주 서귀포시', fruit: '한라봉' })).toEqual(['서귀포:한라봉:특']);
  });

  it('filters by one or several grades', async () => {
    expect(sorted(await found({ grade: '못난이' }))).toEqual(['서귀포:노지감귤:못난이', '충주:부사:못난이']);
    expect(sorted(await found({ grade: ['보통', '못난이'] }))).toEqual(
      sorted(['서귀포:노지감귤:못난이', '충주:부사:못난이', '영동:캠벨얼리:보통']),
    );
  });

  it('filters by a price range, both ends included', async () => {
    expect(sorted(await found({ minPrice: 42_000, maxPrice: 48_000 }))).toEqual(
      sorted(['청송:신고:상', '서귀포:한라봉:특', '서귀포:천혜향:상']),
    );
    expect(sorted(await found({ maxPrice: 19_000 }))).toEqual(['서귀포:노지감귤:못난이', '충주:부사:못난이']);
    expect(await found({ minPrice: 60_000 })).toEqual(['나주:신고:특']);
  });

  it('keeps only offers with a box on sale now, low ones included, aged-out lots not', async () => {
    const keys = await found({ inStock: 'true' });
    expect(keys).toContain('서귀포:천혜향:상');
    expect(keys).not.toContain('충주:홍로:상');
    expect(keys).not.toContain('논산:설향:상');
    expect(keys).toHaveLength(10);
    expect(await found({ inStock: 'false' })).toHaveLength(12);
  });

  it('filters by the farm holding a certification', async () => {
    expect(sorted(await found({ certification: '유기농' }))).toEqual(['청송:시나노골드:특', '청송:신고:상']);
    expect(sorted(await found({ certification: '무농약' }))).toEqual(
      sorted(['서귀포:한라봉:특', '서귀포:노지감귤:못난이', '서귀포:천혜향:상']),
    );
    expect(sorted(await found({ certification: ['유기농', 'GAP'], fruit: '배' }))).toEqual([
      '나주:신고:특',
      '청송:신고:상',
    ]);
  });

  it('combines text and filters', async () => {
    expect(await found({ q: '사과', grade: '특', certification: 'GAP', inStock: 'true' })).toEqual(['충주:부사:특']);
  });
});

describe('search results', () => {
  it('describe each offer with its live stock state and no sales or stock counts', async () => {
    const body = await searchBody(h, { q: '천혜향' });
    expect(body.sort).toBe('relevance');
    expect(body.items).toEqual([
      {
        offerId: catalog.offerId('서귀포:천혜향:상'),
        productId: expect.any(String),
        farmId: expect.any(String),
        farmName: '서귀포 귤림원',
        region: { sido: '제주특별자치도', sigungu: '서귀포시' },
        fruit: '감귤',
        variety: '천혜향',
        grade: '상',
        packKg: 5,
        countPerBox: null,
        priceKrw: 42_000,
        stockState: 'low',
        newestHarvestOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        certifications: ['무농약', 'GAP'],
      },
    ]);
    const [strawberry] = (await searchBody(h, { q: '설향' })).items;
    expect(strawberry?.stockState).toBe('sold_out');
    expect(JSON.stringify(await searchBody(h, { sort: 'popularity' }))).not.toMatch(
      /soldBoxes|sold_boxes|score|onHand|available/i,
    );
  });
});
