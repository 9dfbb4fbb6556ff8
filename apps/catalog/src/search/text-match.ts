import { likeContaining, likeStartingWith } from '@fruitables/db';
import { farms, products } from '@fruitables/schema-catalog';
import { type SQL, sql } from 'drizzle-orm';
import { provinceSpellings } from './regions.ts';

/**
 * The product's searchable name, written exactly as `products_name_trgm_idx` indexes it, so
 * the planner can answer `%>` and LIKE with that GIN index. (Any change here must change
 * the index too.)
 */
const productName = sql`(${products.fruit} || ' ' || ${products.variety})`;

/**
 * Below three characters a word has too few trigrams for the index (LIKE '%한라%' has no
 * whole trigram to look up) and word similarity says little; such words match as plain
 * substrings, which on a table of a few thousand products is a cheap scan.
 */
const MIN_FUZZY_LENGTH = 3;

/** Hangul has no case: LIKE is a third the cost of ILIKE and the trigram index serves both. */
const hasCase = (word: string) => word.toLowerCase() !== word.toUpperCase();

interface WordSql {
  word: string;
  like: SQL;
  contains: SQL;
  fuzzy: boolean;
}

function wordSql(word: string): WordSql {
  const like = hasCase(word) ? sql.raw('ilike') : sql.raw('like');
  return { word, like, contains: sql`${likeContaining(word)}`, fuzzy: [...word].length >= MIN_FUZZY_LENGTH };
}

/**
 * Whether the product's "fruit variety" contains the word, or (three characters and more)
 * one of its words is close to it: `word <% name` is pg_trgm's word similarity ≥ 0.6, so
 * "샤인머스켓" still finds 샤인머스캣 and "한라봉" finds "한라봉 한라봉".
 */
function productMatches(w: WordSql): SQL {
  const contains = sql`${productName} ${w.like} ${w.contains}`;
  return w.fuzzy ? sql`(${contains} or ${w.word} <% ${productName})` : contains;
}

/**
 * Relevance of a product for one word, in a few tiers: the fruit or variety itself (400)
 * beats a part of it (300), which beats a near miss (200). Tiers, not a fine similarity: within
 * a tier the best seller comes first, and few tiers let each be read from the popularity index.
 */
function productScore(w: WordSql): SQL {
  return sql`case
    when not ${productMatches(w)} then 0
    when ${products.fruit} = ${w.word} or ${products.variety} = ${w.word} then 400
    when ${productName} ${w.like} ${w.contains} then 300
    else 200 end`;
}

/** A farm matches a word by its name (as products do) or its region ("청송" → 청송군, "경북" → 경상북도). */
function farmMatches(w: WordSql): SQL {
  const conditions = [sql`${farms.name} ${w.like} ${w.contains}`];
  if (w.fuzzy) conditions.push(sql`${w.word} <% ${farms.name}`);
  const province = provinceSpellings(w.word);
  if (province) conditions.push(sql`${farms.regionSido} in ${[...province]}`);
  if ([...w.word].length >= 2) conditions.push(sql`${farms.regionSigungu} like ${likeStartingWith(w.word)}`);
  return sql`(${sql.join(conditions, sql` or `)})`;
}

/** A farm's relevance for a word is below a product's: "사과" is first about apples, then about 사과농원. */
function farmScore(w: WordSql): SQL {
  return sql`case
    when not ${farmMatches(w)} then 0
    when ${farms.name} ${w.like} ${w.contains} then 150
    else 100 end`;
}

interface TextMatchSql {
  where: SQL;
  mask: SQL;
  score: SQL;
}

function combine(words: string[], matches: (w: WordSql) => SQL, score: (w: WordSql) => SQL): TextMatchSql {
  const parts = words.map(wordSql);
  return {
    where: sql`(${sql.join(
      parts.map((w) => matches(w)),
      sql` or `,
    )})`,
    mask: sql`(${sql.join(
      parts.map((w, i) => sql`case when ${matches(w)} then ${sql.raw(String(1 << i))} else 0 end`),
      sql` | `,
    )})`,
    score: sql`(${sql.join(
      parts.map((w) => score(w)),
      sql` + `,
    )})`,
  };
}

/** A published product or a farm that matched some of the words: which (a bit per word) and how well. */
export interface TextMatch {
  kind: 'product' | 'farm';
  id: string;
  /** The product's farm (a farm's own id for a farm). */
  farmId: string;
  mask: number;
  score: number;
}

/**
 * The published products and the farms matching any of the words, in one statement. Search
 * resolves the text to these first (see `rankMatches`) and ranks offers with their ids as
 * arrays: the planner then knows exactly how many there are, and nothing matched means no
 * offer query at all.
 */
export function buildTextMatchQuery(words: string[]): SQL {
  const product = combine(words, productMatches, productScore);
  const farm = combine(words, farmMatches, farmScore);
  return sql`
    select 'product' as kind, ${products.id} as id, ${products.farmId} as "farmId", ${product.mask} as mask, ${product.score} as score
    from ${products} where ${products.published} and ${product.where}
    union all
    select 'farm' as kind, ${farms.id} as id, ${farms.id} as "farmId", ${farm.mask} as mask, ${farm.score} as score
    from ${farms} where ${farm.where}`;
}

/** What the text selects: products (with their score) and farms all of whose offers qualify. */
export interface RankedMatches {
  /** Products whose own words and their farm's cover every word: score = product's + farm's. */
  products: Map<string, number>;
  /** Farms whose own words cover every word: their other products' offers qualify too. */
  farms: Map<string, number>;
}

/**
 * Every offer belongs to one product and that product's farm, so whether it matches all the
 * words, and how well, is decided per product (its words and its farm's) or, for a farm that
 * carries every word itself, per farm. Worked out here, once, instead of per offer in SQL.
 */
export function rankMatches(matches: TextMatch[], wordCount: number): RankedMatches {
  const all = (1 << wordCount) - 1;
  const farmMatches = new Map(matches.filter((match) => match.kind === 'farm').map((match) => [match.id, match]));
  const products = new Map<string, number>();
  for (const match of matches) {
    if (match.kind !== 'product') continue;
    const farm = farmMatches.get(match.farmId);
    if (((match.mask | (farm?.mask ?? 0)) & all) === all) products.set(match.id, match.score + (farm?.score ?? 0));
  }
  const farms = new Map<string, number>();
  for (const farm of farmMatches.values()) if ((farm.mask & all) === all) farms.set(farm.id, farm.score);
  return { products, farms };
}
