import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CatalogHarness, createHarness } from '../testing/harness.ts';
import { encodeSearchCursor, type SearchSort } from './cursor.ts';
import { buildSearchQuery, type SearchQueryInput } from './search-sql.ts';
import { parseSearchText } from './search-text.ts';
import { buildTextMatchQuery, type RankedMatches, rankMatches, type TextMatch } from './text-match.ts';

/**
 * How the typical searches execute on a 10,000-offer catalog. No timings here (the benchmark
 * measures those); these pin the plan shapes the timings depend on.
 */

let h: CatalogHarness;
beforeAll(async () => {
  h = await createHarness('catalog-search-plans');
  await loadTenThousandOffers(h);
  await h.owner`analyze catalog.farms, catalog.products, catalog.offers, catalog.lots`;
}, 120_000);
afterAll(async () => {
  await h.close();
});

/** 200 farms, 1,600 products over 28 fruit/variety pairs, 10,000 offers, 20,000 lots with sales. */
async function loadTenThousandOffers(harness: CatalogHarness) {
  await harness.owner.begin(async (tx) => {
    await tx`
      insert into catalog.farms (id, name, region_sido, region_sigungu, certifications)
      select gen_random_uuid(),
        (array['청송','나주','서귀포','성주','영동','논산','충주','거창'])[1 + i % 8] || ' ' || (array['햇살','푸른','하늘','바람'])[1 + i % 4] || '농원' || i,
        (array['경상북도','전라남도','제주특별자치도','경상북도','충청북도','충청남도','충청북도','경상남도'])[1 + i % 8],
        (array['청송군','나주시','서귀포시','성주군','영동군','논산시','충주시','거창군'])[1 + i % 8],
        case when i % 3 = 0 then '[{"kind":"GAP","number":"G"}]'::jsonb when i % 7 = 0 then '[{"kind":"유기농","number":"O"}]'::jsonb else '[]'::jsonb end
      from generate_series(1, 200) i`;
    await tx`
      with names(n, fruit, variety) as (
        select row_number() over (), * from (values
          ('사과','부사'),('사과','홍로'),('사과','시나노골드'),('사과','감홍'),('배','신고'),('배','원황'),
          ('감귤','노지감귤'),('감귤','천혜향'),('감귤','레드향'),('한라봉','한라봉'),('참외','꿀참외'),('참외','성주참외'),
          ('포도','샤인머스캣'),('포도','캠벨얼리'),('포도','거봉'),('딸기','설향'),('딸기','킹스베리'),('딸기','금실'),
          ('반시','청도반시'),('단감','부유'),('곶감','둥시'),('복숭아','황도'),('복숭아','천도'),('복숭아','백도'),
          ('수박','꿀수박'),('수박','애플수박'),('자두','대석'),('블루베리','듀크')) v)
      insert into catalog.products (id, farm_id, fruit, variety, published)
      select gen_random_uuid(), f.id, names.fruit, names.variety, random() > 0.04
      from (select id, row_number() over (order by id) as r from catalog.farms) f
      cross join generate_series(0, 7) k
      join names on names.n = 1 + (f.r * 5 + k * 3) % 28`;
    await tx`
      insert into catalog.offers (id, product_id, farm_id, grade, pack_kg, price_krw, published)
      select gen_random_uuid(), p.id, p.farm_id, g.grade, pack.kg, (10000 + random() * 60000)::int / 100 * 100, random() > 0.05
      from (select id, farm_id, row_number() over (order by id) as r from catalog.products) p
      cross join (values ('특'), ('상'), ('보통'), ('못난이')) g(grade)
      cross join (values (2), (5)) pack(kg)
      where (p.r + length(g.grade) + pack.kg) % 8 <> 0
      limit 10000`;
    await tx`
      insert into catalog.lots (id, offer_id, farm_id, lot_code, harvested_on, boxes_harvested, on_hand)
      select gen_random_uuid(), id, farm_id, 'P' || row_number() over (), current_date - (random() * 20)::int, b, b
      from (select o.id, o.farm_id, 5 + (random() * 100)::int as b from catalog.offers o cross join generate_series(1, 2) n) l`;
    await tx`update catalog.lots set sold = s, on_hand = boxes_harvested - s
      from (select id as lot, (random() * boxes_harvested * 0.9)::int as s from catalog.lots) sales where id = sales.lot`;
    await tx`update catalog.offers set stock_state = 'in_stock'
      where exists (select 1 from catalog.lots where offer_id = offers.id and on_hand > 0)`;
  });
  const [count] = await harness.owner<{ offers: number }[]>`select count(*)::int as offers from catalog.offers`;
  expect(count?.offers).toBe(10_000);
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

const base = {
  grades: [],
  inStock: false,
  certifications: [],
  fetch: 21,
  checkLotsFirst: false,
  today: new Date().toISOString().slice(0, 10),
  defaultMaxAgeDays: 30,
} satisfies Partial<SearchQueryInput>;

/** The executed plan of a statement, as the catalog's own role runs it. */
async function explain(statement: SQL): Promise<PlanNode[]> {
  const query = new PgDialect().sqlToQuery(statement);
  const [row] = await h.sql.unsafe<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(
    `explain (analyze, format json) ${query.sql}`,
    query.params as string[],
  );
  const root = row?.['QUERY PLAN'][0]?.Plan;
  if (!root) throw new Error('no plan');
  return nodesOf(root);
}

/** What the words of `text` select, as searchOffers resolves them before ranking offers. */
async function matchesOf(text: string): Promise<RankedMatches> {
  const { words } = parseSearchText(text);
  const query = new PgDialect().sqlToQuery(buildTextMatchQuery(words));
  return rankMatches(await h.sql.unsafe<TextMatch[]>(query.sql, query.params as string[]), words.length);
}

/** The plan of a search's page statement. */
async function plan(input: Partial<SearchQueryInput> & { sort: SearchSort }, text?: string) {
  const matched = text ? await matchesOf(text) : undefined;
  return explain(buildSearchQuery({ ...base, ...(matched ? { text: matched } : {}), ...input }));
}

const indexesUsed = (nodes: PlanNode[]) => nodes.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : []));

describe('search plans on 10,000 offers', () => {
  it('read a sorted page from its sort index instead of sorting every offer', async () => {
    expect(indexesUsed(await plan({ sort: 'newest_harvest' }))).toContain('offers_search_newest_idx');
    expect(indexesUsed(await plan({ sort: 'price_asc' }))).toContain('offers_search_price_idx');
    expect(indexesUsed(await plan({ sort: 'price_desc', grades: ['못난이'] }))).toContain('offers_search_price_idx');
    expect(indexesUsed(await plan({ sort: 'popularity', inStock: true }))).toEqual(
      expect.arrayContaining(['offers_search_popularity_idx', 'lots_offer_harvest_idx']),
    );
    // The exact in-stock pass probes lots per candidate, in sort order, and stops after a page too.
    expect(indexesUsed(await plan({ sort: 'newest_harvest', inStock: true, checkLotsFirst: true }))).toEqual(
      expect.arrayContaining(['offers_search_newest_idx', 'lots_offer_harvest_idx']),
    );
  });

  it('start a later page inside the index, at the cursor', async () => {
    const cursor = { sort: 'price_asc' as const, priceKrw: 40_000, id: '00000000-0000-7000-8000-000000000000' };
    const nodes = await plan({ sort: 'price_asc', cursor });
    const scan = nodes.find((node) => node['Index Name'] === 'offers_search_price_idx');
    expect(scan?.['Index Cond']).toMatch(/price_krw/);
    expect(encodeSearchCursor(cursor)).toBeTruthy();
  });

  it.each([
    ['사과', undefined],
    ['샤인머스켓', undefined],
    ['청송 사과', 'relevance'],
    ['한라', 'price_asc'],
  ] as const)('read details and live stock for one page only, however many offers %s matches', async (text, sort) => {
    const nodes = await plan({ sort: sort ?? 'relevance' }, text);
    for (const table of ['farms', 'lots']) {
      const loops = nodes
        .filter((node) => node['Relation Name'] === table && node['Node Type'].includes('Index'))
        .map((node) => node['Actual Loops'] ?? 0);
      expect(loops.length).toBeGreaterThan(0);
      expect(Math.max(...loops)).toBeLessThanOrEqual(21);
    }
  });

  it('read the best sellers of a broad word from the popularity index, tier by tier', async () => {
    // 사과 is a quarter of the catalog, all in one relevance tier: no sort of every apple.
    const nodes = await plan({ sort: 'relevance' }, '사과');
    expect(indexesUsed(nodes)).toContain('offers_search_popularity_idx');
  });

  it('find products by a word of three characters or more through the trigram index', async () => {
    for (const text of ['샤인머스켓', '햇살농원']) {
      const nodes = await explain(buildTextMatchQuery(parseSearchText(text).words));
      expect(indexesUsed(nodes)).toContain('products_name_trgm_idx');
    }
  });
});

describe('relevance pages on 10,000 offers', () => {
  /** Runs a page statement and returns each row's offer id, score and boxes sold. */
  async function page(input: Partial<SearchQueryInput> & { text: RankedMatches }) {
    const query = new PgDialect().sqlToQuery(buildSearchQuery({ ...base, sort: 'relevance', ...input }));
    const rows = await h.sql.unsafe<{ offerId: string; score: number }[]>(query.sql, query.params as string[]);
    const sold = await h.owner<{ id: string; sold: number }[]>`
      select id::text, sold_boxes as sold from catalog.offers where id = any(${rows.map((row) => row.offerId)}::uuid[])`;
    const soldOf = new Map(sold.map((row) => [row.id, row.sold]));
    return rows.map((row) => ({ id: row.offerId, score: row.score, sold: soldOf.get(row.offerId) ?? -1 }));
  }

  const inOrder = (rows: { id: string; score: number; sold: number }[]) =>
    rows.every((row, i) => {
      const next = rows[i + 1];
      if (!next) return true;
      if (row.score !== next.score) return row.score > next.score;
      if (row.sold !== next.sold) return row.sold > next.sold;
      return row.id > next.id;
    });

  it.each([
    [4, 'tier by tier'],
    [9, 'with a score per offer (more tiers than read one by one)'],
  ])('come in score, then boxes sold order across pages with %i score tiers, %s', async (tiers) => {
    const matched = await matchesOf('사과');
    // The same apples, spread over several scores, as several words would.
    const text: RankedMatches = {
      products: new Map([...matched.products.keys()].map((id, i) => [id, 400 - (i % tiers) * 10])),
      farms: new Map(),
    };
    const seen: { id: string; score: number; sold: number }[] = [];
    let cursor: SearchQueryInput['cursor'];
    for (let n = 0; n < 4; n++) {
      const rows = await page({ text, fetch: 30, ...(cursor ? { cursor } : {}) });
      expect(rows.length).toBe(30);
      seen.push(...rows);
      const last = rows.at(-1);
      if (!last) break;
      cursor = { sort: 'relevance', score: last.score, id: last.id };
    }
    expect(inOrder(seen)).toBe(true);
    expect(new Set(seen.map((row) => row.id)).size).toBe(seen.length);
  });
});
