import { surrogateKeys as k, pageKey } from '../site/paths.ts';

const PRODUCT_PATH = /^\/products\/([0-9a-f-]{36})\/?$/;
const FARM_PATH = /^\/farms\/([0-9a-f-]{36})\/?$/;
const LISTING_PATH = /^\/fruits\/([^/]+)\/?$/;
const LOT_PATH = /^\/farms\/([0-9a-f-]{36})\/lots\/[^/]+\/?$/;

/**
 * The keys a 404 is cached under: `site`, plus the key of the page that would live here,
 * so publishing that product (or farm, lot, or the first product of a fruit) evicts the
 * cached "not found" at once instead of leaving shoppers on it for minutes.
 */
export function notFoundKeys(path: string): string[] {
  const product = PRODUCT_PATH.exec(path)?.[1];
  if (product) return [k.site, k.product(product)];
  const lotFarm = LOT_PATH.exec(path)?.[1];
  if (lotFarm) return [k.site, k.farmLots(lotFarm)];
  const farm = FARM_PATH.exec(path)?.[1];
  if (farm) return [k.site, k.farm(farm), k.farmProducts(farm)];
  const fruit = LISTING_PATH.exec(pageKey(path) ?? '')?.[1];
  if (fruit) return [k.site, k.listing(fruit)];
  return [k.site];
}
