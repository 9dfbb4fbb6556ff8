import {
  type CertificationKind,
  farms,
  fruitMaxAges,
  type Grade,
  lots,
  offers,
  products,
} from '@fruitables/schema-catalog';
import { type SQL, sql } from 'drizzle-orm';
import { onSale } from '../domain/stock-state.ts';
import type { SearchCursor, SearchSort } from './cursor.ts';
import type { RegionFilter } from './regions.ts';
import type { RankedMatches } from './text-match.ts';

/** The filters as the statement applies them: the text already split into words, grades merged. */
export interface SearchFilters {
  /** What the words of `q` select (see `rankMatches`); absent without words. */
  text?: RankedMatches;
  fruit?: string;
  variety?: string;
  region?: RegionFilter;
  grades: Grade[];
  minPriceKrw?: number;
  maxPriceKrw?: number;
  inStock: boolean;
  certifications: CertificationKind[];
}

export interface SearchQueryInput extends SearchFilters {
  sort: SearchSort;
  cursor?: SearchCursor;
  /** Rows to fetch: one more than the page, to know whether there is a next one (plus any slack). */
  fetch: number;
  /**
   * With `inStock`: whether the page step probes every candidate's lots (exact) or keeps
   * offers whose announced state is not sold_out and leaves the lots to the caller, who sees
   * each row's live `available` (cheaper: a broad word has thousands of candidates).
   */
  checkLotsFirst: boolean;
  /** Seoul today and the default max age: what "sellable" means for the in-stock filter. */
  today: string;
  defaultMaxAgeDays: number;
}

/**
 * Newest harvest first, offers without any lot last. Written exactly like the sort index the
 * README asks for, so a plain "newest" page reads 21 index entries instead of sorting 10,000.
 */
const newestHarvest = sql`coalesce(${offers.newestHarvestOn}, date '0001-01-01')`;
/** The cursor offer's boxes sold, read now: the cursor itself never carries sales. */
const soldBoxesOf = (id: string) =>
  sql`(select cursor_offer.sold_boxes from ${offers} cursor_offer where cursor_offer.id = ${id}::uuid)`;

/** The ORDER BY of a sort and the keyset condition for "after this cursor". */
function ordering(sort: SearchSort, cursor: SearchCursor | undefined, score: SQL) {
  switch (sort) {
    case 'relevance':
      return {
        orderBy: sql`${score} desc, ${offers.soldBoxes} desc, ${offers.id} desc`,
        after:
          cursor?.sort === 'relevance'
            ? sql`(${score}, ${offers.soldBoxes}, ${offers.id}) < (${cursor.score}::int, ${soldBoxesOf(cursor.id)}, ${cursor.id}::uuid)`
            : undefined,
      };
    case 'price_asc':
      return {
        orderBy: sql`${offers.priceKrw} asc, ${offers.id} asc`,
        after:
          cursor?.sort === 'price_asc'
            ? sql`(${offers.priceKrw}, ${offers.id}) > (${cursor.priceKrw}::int, ${cursor.id}::uuid)`
            : undefined,
      };
    case 'price_desc':
      return {
        orderBy: sql`${offers.priceKrw} desc, ${offers.id} desc`,
        after:
          cursor?.sort === 'price_desc'
            ? sql`(${offers.priceKrw}, ${offers.id}) < (${cursor.priceKrw}::int, ${cursor.id}::uuid)`
            : undefined,
      };
    case 'newest_harvest':
      return {
        orderBy: sql`${newestHarvest} desc, ${offers.id} desc`,
        after:
          cursor?.sort === 'newest_harvest'
            ? sql`(${newestHarvest}, ${offers.id}) < (coalesce(${cursor.harvestedOn}::date, date '0001-01-01'), ${cursor.id}::uuid)`
            : undefined,
      };
    case 'popularity':
      return {
        orderBy: sql`${offers.soldBoxes} desc, ${offers.id} desc`,
        after:
          cursor?.sort === 'popularity'
            ? sql`(${offers.soldBoxes}, ${offers.id}) < (${soldBoxesOf(cursor.id)}, ${cursor.id}::uuid)`
            : undefined,
      };
  }
}

/**
 * Has at least one box on sale: a lot with free boxes, not ended, younger than its fruit's
 * max age (the stock rule). `offset 0` keeps this a per-offer probe of lots_offer_harvest_idx:
 * as a semi join the planner hashes every lot (20,000 rows) to check a few hundred candidates.
 */
function sellable(today: string, defaultMaxAgeDays: number): SQL {
  return sql`exists (
    select 1 from ${lots}
    where ${lots.offerId} = ${offers.id}
      and ${lots.onHand} - ${lots.reserved} > 0
      and ${onSale(today, { defaultMaxAgeDays })}
    offset 0)`;
}

/** A Postgres array literal of ids or integers, passed as one parameter whatever the count. */
const arrayOf = (values: Iterable<string | number>) => `{${[...values].join(',')}}`;

/**
 * Joins and conditions every page query shares: published, the filters, the text's
 * membership (an offer of a selected product, or of a selected farm), the in-stock check.
 */
function filterSql(input: SearchQueryInput) {
  const conditions: SQL[] = [sql`${offers.published}`];
  const joins: SQL[] = [];
  const { text } = input;
  if (text) {
    const members: SQL[] = [];
    if (text.products.size > 0) members.push(sql`${offers.productId} = any(${arrayOf(text.products.keys())}::uuid[])`);
    if (text.farms.size > 0) members.push(sql`${offers.farmId} = any(${arrayOf(text.farms.keys())}::uuid[])`);
    conditions.push(members.length > 0 ? sql`(${sql.join(members, sql` or `)})` : sql`false`);
  }
  // Products the text selected are published (text-match.ts checks); any other offer's must be.
  const checkLots = input.inStock && input.checkLotsFirst;
  if (!text || text.farms.size > 0 || input.fruit !== undefined || input.variety !== undefined || checkLots) {
    joins.push(sql`join ${products} on ${products.id} = ${offers.productId}`);
    conditions.push(sql`${products.published}`);
  }
  if (input.fruit !== undefined) conditions.push(sql`${products.fruit} = ${input.fruit}`);
  if (input.variety !== undefined) conditions.push(sql`${products.variety} = ${input.variety}`);
  const farmConditions: SQL[] = [];
  if (input.region) {
    farmConditions.push(sql`${farms.regionSido} in ${[...input.region.sido]}`);
    if (input.region.sigungu) farmConditions.push(sql`starts_with(${farms.regionSigungu}, ${input.region.sigungu})`);
  }
  if (input.certifications.length > 0) {
    const any = input.certifications.map(
      (kind) => sql`${farms.certifications} @> ${JSON.stringify([{ kind }])}::jsonb`,
    );
    farmConditions.push(sql`(${sql.join(any, sql` or `)})`);
  }
  if (farmConditions.length > 0) {
    joins.push(sql`join ${farms} on ${farms.id} = ${offers.farmId}`);
    conditions.push(...farmConditions);
  }
  if (input.grades.length > 0) conditions.push(sql`${offers.grade} in ${input.grades}`);
  if (input.minPriceKrw !== undefined) conditions.push(sql`${offers.priceKrw} >= ${input.minPriceKrw}::int`);
  if (input.maxPriceKrw !== undefined) conditions.push(sql`${offers.priceKrw} <= ${input.maxPriceKrw}::int`);
  if (input.inStock) {
    // The announced state rules out sold-out offers cheaply; the lots decide the rest, since
    // a lot ageing past its max age does not announce a change (see the README's stock rules).
    conditions.push(sql`${offers.stockState} <> 'sold_out'`);
    if (checkLots) {
      joins.push(sql`left join ${fruitMaxAges} on ${fruitMaxAges.fruit} = ${products.fruit}`);
      conditions.push(sellable(input.today, input.defaultMaxAgeDays));
    }
  }
  return { joins, conditions };
}

/** More relevance tiers than this rank in one query with a score per offer instead. */
const MAX_TIERS = 6;

interface Tier {
  score: number;
  products: string[];
  farms: string[];
}

/** The text's selection grouped by score, best first. */
function tiersOf(text: RankedMatches): Tier[] {
  const byScore = new Map<number, Tier>();
  const tier = (score: number) => {
    const found = byScore.get(score) ?? { score, products: [], farms: [] };
    byScore.set(score, found);
    return found;
  };
  for (const [id, score] of text.products) tier(score).products.push(id);
  for (const [id, score] of text.farms) tier(score).farms.push(id);
  return [...byScore.values()].sort((a, b) => b.score - a.score);
}

/**
 * Relevance order, one tier at a time. Every offer in a tier has the same score, so within it
 * the order is boxes sold: a broad word like "사과" (a third of the catalog, one tier) reads
 * the popularity index until a page is full instead of ranking thousands of offers, and a
 * rare one reads its few offers by product. The tiers are then merged by score.
 */
function relevancePage(input: SearchQueryInput, text: RankedMatches, shared: ReturnType<typeof filterSql>): SQL {
  const tiers = tiersOf(text);
  const cursor = input.cursor?.sort === 'relevance' ? input.cursor : undefined;
  if (tiers.length > MAX_TIERS) return scoredPage(input, text, shared, cursor);
  const selected = arrayOf(text.products.keys());
  const branches = tiers
    .filter((tier) => !cursor || tier.score <= cursor.score)
    .map((tier) => {
      const members: SQL[] = [];
      if (tier.products.length > 0) members.push(sql`${offers.productId} = any(${arrayOf(tier.products)}::uuid[])`);
      // A selected farm's offers whose product was selected too belong to that product's tier.
      if (tier.farms.length > 0) {
        members.push(
          sql`(${offers.farmId} = any(${arrayOf(tier.farms)}::uuid[]) and ${offers.productId} <> all(${selected}::uuid[]))`,
        );
      }
      const conditions = [...shared.conditions, sql`(${sql.join(members, sql` or `)})`];
      if (cursor && tier.score === cursor.score) {
        conditions.push(sql`(${offers.soldBoxes}, ${offers.id}) < (${soldBoxesOf(cursor.id)}, ${cursor.id}::uuid)`);
      }
      return sql`(select ${offers.id} as id, ${tier.score}::int as score, ${offers.soldBoxes} as sold_boxes
        from ${offers} ${sql.join(shared.joins, sql` `)}
        where ${sql.join(conditions, sql` and `)}
        order by ${offers.soldBoxes} desc, ${offers.id} desc
        limit ${input.fetch}::int)`;
    });
  if (branches.length === 0) return sql`select null::uuid as id, 0 as score where false`;
  return sql`select id, score from (${sql.join(branches, sql` union all `)}) tiers
    order by score desc, sold_boxes desc, id desc
    limit ${input.fetch}::int`;
}

/** Relevance order with a score per offer, for a text selecting too many tiers to read one by one. */
function scoredPage(
  input: SearchQueryInput,
  text: RankedMatches,
  shared: ReturnType<typeof filterSql>,
  cursor: SearchCursor | undefined,
): SQL {
  const score = sql`coalesce(matched_products.score, matched_farms.score)`;
  const { orderBy, after } = ordering('relevance', cursor, score);
  const conditions = after ? [...shared.conditions, after] : shared.conditions;
  return sql`select ${offers.id} as id, ${score} as score
    from ${offers} ${sql.join(shared.joins, sql` `)}
    left join unnest(${arrayOf(text.products.keys())}::uuid[], ${arrayOf(text.products.values())}::int[])
      as matched_products(id, score) on matched_products.id = ${offers.productId}
    left join unnest(${arrayOf(text.farms.keys())}::uuid[], ${arrayOf(text.farms.values())}::int[])
      as matched_farms(id, score) on matched_farms.id = ${offers.farmId}
    where ${sql.join(conditions, sql` and `)}
    order by ${orderBy}
    limit ${input.fetch}::int`;
}

/** Any other order: the text, if any, only decides membership. */
function sortedPage(input: SearchQueryInput, shared: ReturnType<typeof filterSql>): SQL {
  const { orderBy, after } = ordering(input.sort, input.cursor, sql`0`);
  const conditions = after ? [...shared.conditions, after] : shared.conditions;
  return sql`select ${offers.id} as id, 0 as score
    from ${offers} ${sql.join(shared.joins, sql` `)}
    where ${sql.join(conditions, sql` and `)}
    order by ${orderBy}
    limit ${input.fetch}::int`;
}

/**
 * One page of published offers of published products, as a single statement in two steps.
 * `page` finds and orders the offer ids with as few columns and joins as it can; the outer
 * query then reads the page's details and its live stock by the stock rule. The text arrives
 * resolved to products and farms (`rankMatches`). Published-ness is written as the bare
 * column (`offers.published`, not `= true`) so the planner can use the partial sort indexes.
 */
export function buildSearchQuery(input: SearchQueryInput): SQL {
  const shared = filterSql(input);
  const page =
    input.text && input.sort === 'relevance' ? relevancePage(input, input.text, shared) : sortedPage(input, shared);
  const outer = ordering(input.sort, undefined, sql`page.score`);
  return sql`with page as (${page})
    select
      ${offers.id} as "offerId", ${offers.productId} as "productId", ${offers.farmId} as "farmId",
      ${farms.name} as "farmName", ${farms.regionSido} as "regionSido", ${farms.regionSigungu} as "regionSigungu",
      ${farms.certifications} as "certifications",
      ${products.fruit} as "fruit", ${products.variety} as "variety",
      ${offers.grade} as "grade", ${offers.packKg}::float8 as "packKg", ${offers.countPerBox} as "countPerBox",
      ${offers.priceKrw} as "priceKrw", ${offers.newestHarvestOn}::text as "newestHarvestOn", page.score as "score",
      stock.available as "available", stock.harvested as "harvested"
    from page
    join ${offers} on ${offers.id} = page.id
    join ${products} on ${products.id} = ${offers.productId}
    join ${farms} on ${farms.id} = ${offers.farmId}
    left join ${fruitMaxAges} on ${fruitMaxAges.fruit} = ${products.fruit}
    left join lateral (
      select coalesce(sum(${lots.onHand} - ${lots.reserved}), 0)::int as available,
        coalesce(sum(${lots.boxesHarvested}), 0)::int as harvested
      from ${lots}
      where ${lots.offerId} = ${offers.id} and ${onSale(input.today, { defaultMaxAgeDays: input.defaultMaxAgeDays })}
    ) stock on true
    order by ${outer.orderBy}`;
}
