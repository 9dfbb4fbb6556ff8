import { assetReferences, moduleImportsOf } from './page-assets.ts';

/** The demo catalog's product pages, from the shop's sitemap. */
export async function productPaths(edgeUrl: string): Promise<string[]> {
  const sitemap = await (await fetch(`${edgeUrl}/sitemap.xml`)).text();
  return [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)]
    .map((match) => new URL(match[1] ?? '/').pathname)
    .filter((path) => path.startsWith('/products/'));
}

/** What shoppers asked the edge for, and how it answered (its `x-cache` header on each response). */
export interface Traffic {
  requests: number;
  hits: number;
  misses: number;
}

const add = (a: Traffic, b: Traffic): Traffic => ({
  requests: a.requests + b.requests,
  hits: a.hits + b.hits,
  misses: a.misses + b.misses,
});

/** One phone: fetches pages and, once per visit, the assets they use (the browser caches them after). */
function phone(edgeUrl: string) {
  const cached = new Set<string>();
  let traffic: Traffic = { requests: 0, hits: 0, misses: 0 };
  const get = async (path: string): Promise<string> => {
    const response = await fetch(`${edgeUrl}${path}`, { headers: { 'accept-encoding': 'gzip' } });
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    const hit = response.headers.get('x-cache') === 'hit';
    traffic = add(traffic, { requests: 1, hits: hit ? 1 : 0, misses: hit ? 0 : 1 });
    return response.text();
  };
  return {
    traffic: () => traffic,
    async open(path: string): Promise<string> {
      const html = await get(path);
      const queue = path.startsWith('/api/') ? [] : assetReferences(html);
      for (let asset = queue.shift(); asset !== undefined; asset = queue.shift()) {
        if (cached.has(asset)) continue;
        cached.add(asset);
        const body = await get(asset);
        if (asset.endsWith('.js')) queue.push(...moduleImportsOf(body));
      }
      return html;
    },
  };
}

/**
 * A shopper who arrives on a product page from a shared link or a search engine, then looks
 * at its fruit's listing and its farm, the home page, all fruits, search (page and index)
 * and the cart, whose island reads the product from catalog through the edge.
 */
async function visit(edgeUrl: string, productPath: string): Promise<Traffic> {
  const shopper = phone(edgeUrl);
  const product = await shopper.open(productPath);
  const listing = /href="(\/fruits\/[^/"]+\/)"/.exec(product)?.[1];
  const farm = /href="(\/farms\/[^/"]+\/)"/.exec(product)?.[1];
  const productId = productPath.split('/')[2] ?? '';
  for (const path of [
    ...(listing ? [listing] : []),
    ...(farm ? [farm] : []),
    '/',
    '/fruits/',
    '/search/',
    '/data/search-index.json',
    '/cart/',
    `/api/catalog/v1/products/${productId}`,
  ]) {
    await shopper.open(path);
  }
  return shopper.traffic();
}

/** One visit per product path given, `concurrency` shoppers at a time. */
export async function browseVisits(edgeUrl: string, paths: string[], concurrency: number): Promise<Traffic> {
  let total: Traffic = { requests: 0, hits: 0, misses: 0 };
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < paths.length; index = next++) {
        const made = await visit(edgeUrl, paths[index] ?? '/');
        total = add(total, made);
      }
    }),
  );
  return total;
}
