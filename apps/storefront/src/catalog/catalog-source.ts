import type { Farm, LotTrace, Product } from './schemas.ts';

/**
 * Where the storefront learns what is for sale. The build, the rebuilder and the lot page
 * depend on this interface only; production reads catalog's HTTP API (`createHttpCatalogSource`),
 * tests may serve fixtures in the same documented shapes.
 */
export interface CatalogSource {
  /** Every published product with its offers (photos only if the list carries them). */
  listProducts(): Promise<Product[]>;
  /** A published product with its photos; null when it is not (or no longer) published. */
  getProduct(productId: string): Promise<Product | null>;
  getFarm(farmId: string): Promise<Farm | null>;
  getLot(farmId: string, lotCode: string): Promise<LotTrace | null>;
}

/** catalog answered something other than the data or a 404: the caller retries later. */
export class CatalogUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CatalogUnavailable';
  }
}
