import type { z } from 'zod';
import { type CatalogSource, CatalogUnavailable } from './catalog-source.ts';
import { farmSchema, lotTraceSchema, productPageSchema, productSchema } from './schemas.ts';

export interface HttpCatalogSourceOptions {
  /** catalog itself, never through the edge: the edge may hold a 30-second-old copy. */
  baseUrl: string;
  timeoutMs?: number;
  /** Sent as x-request-id, so catalog's log lines can be matched to a rebuild. */
  requestId?: () => string;
}

const PAGE_SIZE = 100;

/** Reads catalog's public API over HTTP. */
export function createHttpCatalogSource(options: HttpCatalogSourceOptions): CatalogSource {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function read<T extends z.ZodType>(path: string, schema: T): Promise<z.infer<T> | null> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        headers: { accept: 'application/json', ...(options.requestId ? { 'x-request-id': options.requestId() } : {}) },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new CatalogUnavailable(`catalog did not answer GET ${path}`, { cause: error });
    }
    // A malformed id (400) names nothing, like an unknown one (404): a shopper typed a bad URL.
    if (response.status === 404 || response.status === 400) {
      await response.body?.cancel();
      return null;
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new CatalogUnavailable(`catalog answered GET ${path} with ${response.status}`);
    }
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) {
      throw new CatalogUnavailable(`catalog's answer to GET ${path} has an unexpected shape`, { cause: parsed.error });
    }
    return parsed.data;
  }

  const segment = encodeURIComponent;
  return {
    async listProducts() {
      const products = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${segment(cursor)}` : '';
        const page = await read(`/v1/products?limit=${PAGE_SIZE}${query}`, productPageSchema);
        if (!page) throw new CatalogUnavailable('catalog has no product list');
        products.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return products;
    },
    getProduct: (productId) => read(`/v1/products/${segment(productId)}`, productSchema),
    getFarm: (farmId) => read(`/v1/farms/${segment(farmId)}`, farmSchema),
    getLot: (farmId, lotCode) => read(`/v1/farms/${segment(farmId)}/lots/${segment(lotCode)}`, lotTraceSchema),
  };
}
