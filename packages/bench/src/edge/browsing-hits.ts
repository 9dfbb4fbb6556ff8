import type { BenchPlatform } from '../benchmarks/types.ts';
import { browseVisits, productPaths, type Traffic } from './browsing.ts';
import { type CacheCounters, counterDelta, readCacheCounters, settledCounters } from './varnish-stats.ts';

/** One stretch of browsing, as shoppers saw it and as Varnish counted it. */
export interface Phase {
  /** The edge's `x-cache` header on each response. */
  traffic: Traffic;
  /** MAIN.cache_hit and MAIN.cache_miss over the phase. */
  counted: CacheCounters;
}

export interface Browsing {
  products: number;
  /** One visit per product, from an empty cache. */
  cold: Phase;
  /** The shoppers after that. */
  warm: Phase;
}

async function phase(platform: BenchPlatform, paths: string[], concurrency: number): Promise<Phase> {
  const before = await readCacheCounters(platform.edgeWorkdir);
  const traffic = await browseVisits(platform.edgeUrl, paths, concurrency);
  const after = await settledCounters(platform.edgeWorkdir, before, traffic.requests);
  return { traffic, counted: counterDelta(before, after) };
}

/** Every product of the demo catalog visited once from an empty cache, then `warmVisits` more shoppers. */
export async function browseDemoCatalog(platform: BenchPlatform, warmVisits: number): Promise<Browsing> {
  const products = await productPaths(platform.edgeUrl);
  const cold = await phase(platform, products, 4);
  const shoppers = Array.from({ length: warmVisits }, (_, index) => products[index % products.length] ?? '/');
  const warm = await phase(platform, shoppers, 8);
  return { products: products.length, cold, warm };
}

export const hitRatio = (...counts: CacheCounters[]): number => {
  const hits = counts.reduce((sum, c) => sum + c.hits, 0);
  const lookups = counts.reduce((sum, c) => sum + c.hits + c.misses, 0);
  return lookups === 0 ? 0 : Math.round((hits / lookups) * 1000) / 1000;
};
