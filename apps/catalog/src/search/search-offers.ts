import { ValidationFailed } from '@fruitables/core';
import type { Certification, CertificationKind, Grade, StockState } from '@fruitables/schema-catalog';
import type { DomainContext } from '../domain/context.ts';
import { seoulToday, stockStateOf } from '../domain/stock-state.ts';
import { encodeSearchCursor, type SearchCursor, type SearchSort } from './cursor.ts';
import type { RegionFilter } from './regions.ts';
import { buildSearchQuery } from './search-sql.ts';
import { parseSearchText } from './search-text.ts';
import { buildTextMatchQuery, type RankedMatches, rankMatches, type TextMatch } from './text-match.ts';

type TextMatchRow = TextMatch & Record<string, unknown>;

/** A validated search request, as the route passes it on. */
export interface SearchRequest {
  /** Free text: words to find in fruit, variety, farm name or region; grade words ("못난이") filter by grade. */
  text?: string;
  fruit?: string;
  variety?: string;
  region?: RegionFilter;
  /** Any of these grades; none means every grade. */
  grades: Grade[];
  minPriceKrw?: number;
  maxPriceKrw?: number;
  inStock: boolean;
  /** Farms holding any of these certifications; none means any farm. */
  certifications: CertificationKind[];
  /** Absent: relevance when there are words to match, else newest harvest. */
  sort?: SearchSort;
  cursor?: SearchCursor;
  limit: number;
}

/** One offer as search lists it: enough for a result card, no stock counts or sales. */
export interface SearchHit {
  offerId: string;
  productId: string;
  farmId: string;
  farmName: string;
  region: { sido: string; sigungu: string };
  fruit: string;
  variety: string;
  grade: Grade;
  packKg: number;
  countPerBox: number | null;
  priceKrw: number;
  stockState: StockState;
  newestHarvestOn: string | null;
  certifications: CertificationKind[];
}

export interface SearchPage {
  items: SearchHit[];
  /** The sort applied (the default depends on whether `q` had words). */
  sort: SearchSort;
  nextCursor: string | null;
}

interface SearchRow extends Record<string, unknown> {
  offerId: string;
  productId: string;
  farmId: string;
  farmName: string;
  regionSido: string;
  regionSigungu: string;
  certifications: Certification[];
  fruit: string;
  variety: string;
  grade: Grade;
  packKg: number;
  countPerBox: number | null;
  priceKrw: number;
  newestHarvestOn: string | null;
  score: number;
  /** Sellable boxes and the harvest of the sellable lots: only for the stock state, never sent. */
  available: number;
  harvested: number;
}

/**
 * With `inStock`, the page step ranks offers by their announced state and fetches this many
 * extra; their lots are checked only for those rows (see search-sql.ts). An offer announced in
 * stock whose lots aged out since is the only kind dropped, so a few spare rows almost always
 * fill the page.
 */
const IN_STOCK_SLACK = 10;

/** The sort a request gets: relevance needs words to be relevant to, so without them it is newest harvest. */
export function effectiveSort(sort: SearchSort | undefined, hasWords: boolean): SearchSort {
  if (sort === undefined || sort === 'relevance') return hasWords ? 'relevance' : 'newest_harvest';
  return sort;
}

/** Both lists' common grades (either alone if the other is empty), or undefined when they have none in common. */
function intersectGrades(filter: Grade[], fromText: Grade[]): Grade[] | undefined {
  if (filter.length === 0 || fromText.length === 0) return [...filter, ...fromText];
  const common = filter.filter((grade) => fromText.includes(grade));
  return common.length > 0 ? common : undefined;
}

function cursorAfter(sort: SearchSort, row: SearchRow): SearchCursor {
  switch (sort) {
    case 'relevance':
      return { sort, score: row.score, id: row.offerId };
    case 'price_asc':
    case 'price_desc':
      return { sort, priceKrw: row.priceKrw, id: row.offerId };
    case 'newest_harvest':
      return { sort, harvestedOn: row.newestHarvestOn, id: row.offerId };
    case 'popularity':
      return { sort, id: row.offerId };
  }
}

/**
 * Searches published offers of published products: the words first resolve to products and
 * farms (text-match.ts), then one statement ranks offers and reads the page (search-sql.ts).
 * The stock state is computed live by the rule product pages use (sellable lots,
 * `stockStateOf`), so a result card and its product page never disagree.
 */
export async function searchOffers(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'stock'>,
  request: SearchRequest,
): Promise<SearchPage> {
  const { text: query, ...filters } = request;
  const { words, grades: textGrades } = parseSearchText(query);
  const sort = effectiveSort(request.sort, words.length > 0);
  if (request.cursor && request.cursor.sort !== sort) {
    throw new ValidationFailed('다음 페이지 커서가 이 정렬과 맞지 않습니다. The cursor belongs to another sort.', [
      { field: 'cursor', message: `The cursor was made for sort=${request.cursor.sort}, not ${sort}.` },
    ]);
  }
  // "못난이" in the text and grade=특 in the filters ask for nothing that exists.
  const grades = intersectGrades(request.grades, textGrades);
  if (grades === undefined) return { items: [], sort, nextCursor: null };
  let matched: RankedMatches | undefined;
  if (words.length > 0) {
    const rows = [...(await ctx.db.execute<TextMatchRow>(buildTextMatchQuery(words)))];
    matched = rankMatches(rows, words.length);
    // Nothing carries every word: no offer can match, and no offer query is needed.
    if (matched.products.size === 0 && matched.farms.size === 0) return { items: [], sort, nextCursor: null };
  }
  const today = seoulToday(ctx.clock.now());
  const run = (checkLotsFirst: boolean, fetch: number) =>
    ctx.db.execute<SearchRow>(
      buildSearchQuery({
        ...filters,
        text: matched,
        grades,
        sort,
        fetch,
        checkLotsFirst,
        today,
        defaultMaxAgeDays: ctx.stock.defaultMaxAgeDays,
      }),
    );
  const wanted = request.limit + 1;
  let rows: SearchRow[] = [...(await run(false, request.inStock ? wanted + IN_STOCK_SLACK : wanted))];
  if (request.inStock) {
    const fetched = rows.length;
    rows = rows.filter((row) => row.available > 0);
    // More than the slack were announced in stock but aged out: only an exact pass can tell
    // which offers fill this page. Rare, and never wrong, just a second statement.
    if (rows.length < wanted && fetched === wanted + IN_STOCK_SLACK) {
      rows = [...(await run(true, wanted))].filter((row) => row.available > 0);
    }
  }
  const page = rows.slice(0, request.limit);
  const last = page.at(-1);
  return {
    sort,
    nextCursor: rows.length > request.limit && last ? encodeSearchCursor(cursorAfter(sort, last)) : null,
    items: page.map((row) => ({
      offerId: row.offerId,
      productId: row.productId,
      farmId: row.farmId,
      farmName: row.farmName,
      region: { sido: row.regionSido, sigungu: row.regionSigungu },
      fruit: row.fruit,
      variety: row.variety,
      grade: row.grade,
      packKg: row.packKg,
      countPerBox: row.countPerBox,
      priceKrw: row.priceKrw,
      stockState: stockStateOf(row.available, row.harvested),
      newestHarvestOn: row.newestHarvestOn,
      certifications: [...new Set(row.certifications.map((certification) => certification.kind))],
    })),
  };
}
