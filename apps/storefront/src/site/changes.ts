import type { Farm, Product } from '../catalog/schemas.ts';
import { surrogateKeys as k } from './paths.ts';
import type { SiteData } from './site-data.ts';

/** What an event asks the storefront to read again from catalog. */
export interface Refresh {
  productIds: string[];
  farmIds: string[];
}

/** The pages a change touches and the surrogate keys that evict their cached copies. */
export interface PageChanges {
  /** Product pages to render, or to remove when the product is gone. */
  products: string[];
  farms: string[];
  /** Listing pages to render, or to remove when no product of the fruit is left. */
  fruits: string[];
  home: boolean;
  fruitsIndex: boolean;
  search: boolean;
  sitemap: boolean;
  keys: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares the site before and after a refresh and lists exactly what must be rebuilt and
 * purged. A refresh that changed nothing (a redelivered event, or one the last full build
 * already reflected) touches nothing, so replays cost a catalog read and no purge.
 */
export function pagesTouched(before: SiteData, after: SiteData, refresh: Refresh): PageChanges {
  const products = new Set<string>();
  const farms = new Set<string>();
  const fruits = new Set<string>();
  const keys = new Set<string>();
  let catalogChanged = false;
  let setChanged = false;

  for (const productId of refresh.productIds) {
    const old: Product | undefined = before.products.get(productId);
    const now: Product | undefined = after.products.get(productId);
    if (same(old, now)) continue;
    catalogChanged = true;
    products.add(productId);
    keys.add(k.product(productId));
    for (const version of [old, now]) {
      if (!version) continue;
      farms.add(version.farmId);
      fruits.add(version.fruit);
      keys.add(k.farmProducts(version.farmId));
      keys.add(k.listing(version.fruit));
    }
    if (!old || !now || old.fruit !== now.fruit || old.farmId !== now.farmId) setChanged = true;
  }

  for (const farmId of refresh.farmIds) {
    const old: Farm | undefined = before.farms.get(farmId);
    const now: Farm | undefined = after.farms.get(farmId);
    if (same(old, now)) continue;
    catalogChanged = true;
    farms.add(farmId);
    // Every page showing the farm's profile carries this key: its page, its product pages
    // and its lots' trace pages (which the origin renders on request).
    keys.add(k.farm(farmId));
    if (!old || !now) setChanged = true;
    for (const product of after.products.values()) {
      if (product.farmId !== farmId) continue;
      products.add(product.id);
      fruits.add(product.fruit);
      keys.add(k.listing(product.fruit));
    }
  }

  if (catalogChanged) {
    keys.add(k.home);
    keys.add(k.search);
  }
  if (setChanged) {
    keys.add(k.fruits);
    keys.add(k.sitemap);
  }
  return {
    products: [...products],
    farms: [...farms],
    fruits: [...fruits],
    home: catalogChanged,
    fruitsIndex: setChanged,
    search: catalogChanged,
    sitemap: setChanged,
    keys: [...keys].sort(),
  };
}
