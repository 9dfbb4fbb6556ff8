import type { Farm, Product } from '../catalog/schemas.ts';

/**
 * What the shop shows, as of the last build or rebuild: published products (with offers)
 * and the farms that grow them. Pages are pure functions of this plus the configuration.
 */
export interface SiteData {
  products: Map<string, Product>;
  farms: Map<string, Farm>;
}

export function emptySiteData(): SiteData {
  return { products: new Map(), farms: new Map() };
}

const byName = (a: Product, b: Product) =>
  a.fruit.localeCompare(b.fruit, 'ko') || a.variety.localeCompare(b.variety, 'ko') || a.id.localeCompare(b.id);

/**
 * The site data indexed once per render pass: products in a stable order (fruit, variety,
 * id, so builds are reproducible), by farm and by fruit, and the fruits on sale (most
 * products first, what a shopper browses by).
 */
export interface SiteView {
  data: SiteData;
  products: Product[];
  byFarm: Map<string, Product[]>;
  byFruit: Map<string, Product[]>;
  fruits: { fruit: string; count: number }[];
}

function append(map: Map<string, Product[]>, key: string, product: Product): void {
  const list = map.get(key);
  if (list) list.push(product);
  else map.set(key, [product]);
}

export function createSiteView(data: SiteData): SiteView {
  const products = [...data.products.values()].sort(byName);
  const byFarm = new Map<string, Product[]>();
  const byFruit = new Map<string, Product[]>();
  for (const product of products) {
    append(byFarm, product.farmId, product);
    append(byFruit, product.fruit, product);
  }
  const fruits = [...byFruit]
    .map(([fruit, list]) => ({ fruit, count: list.length }))
    .sort((a, b) => b.count - a.count || a.fruit.localeCompare(b.fruit, 'ko'));
  return { data, products, byFarm, byFruit, fruits };
}

/** The rendition of the product's cover photo (its first) a list's thumbnail starts from: the smallest. */
export function thumbnailOf(product: Product): { url: string; width: number; height: number } | null {
  const [cover] = product.photos;
  if (!cover) return null;
  const smallest = [...cover.variants].sort((a, b) => a.width - b.width)[0];
  return smallest ? { url: smallest.url, width: smallest.width, height: smallest.height } : null;
}

/** The lowest price among the product's offers a shopper can buy now, else among all. */
export function lowestPrice(product: Product): number | null {
  const buyable = product.offers.filter((offer) => offer.stockState !== 'sold_out');
  const pool = buyable.length > 0 ? buyable : product.offers;
  return pool.length === 0 ? null : Math.min(...pool.map((offer) => offer.priceKrw));
}

/** The most recent harvest among the product's offers (ISO date), or null before any lot. */
export function freshestHarvest(product: Product): { harvestedOn: string; brix: number | null } | null {
  let best: { harvestedOn: string; brix: number | null } | null = null;
  for (const offer of product.offers) {
    const lot = offer.freshestLot;
    if (lot && (!best || lot.harvestedOn > best.harvestedOn)) best = { harvestedOn: lot.harvestedOn, brix: lot.brix };
  }
  return best;
}

export const isBuyable = (product: Product): boolean => product.offers.some((offer) => offer.stockState !== 'sold_out');
