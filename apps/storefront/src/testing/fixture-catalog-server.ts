import type { Farm, LotTrace, Product } from '../catalog/schemas.ts';

/**
 * catalog's public read API, served from fixtures over real HTTP in its documented shapes
 * (keyset pages, 404 for unknown ids), so the storefront's HTTP catalog source is tested
 * as it runs. Tests change `products`/`farms` and then announce the change with an event.
 */
export interface FixtureCatalogServer {
  url: string;
  products: Map<string, Product>;
  farms: Map<string, Farm>;
  lots: Map<string, LotTrace>;
  /** Paths requested, for asserting what a rebuild read. */
  requests: string[];
  stop(): void;
}

const PRODUCT_LIST = /^\/v1\/products$/;
const PRODUCT = /^\/v1\/products\/([^/]+)$/;
const FARM = /^\/v1\/farms\/([^/]+)$/;
const LOT = /^\/v1\/farms\/([^/]+)\/lots\/([^/]+)$/;

export function startFixtureCatalog(initial: { farms?: Farm[]; products?: Product[]; lots?: LotTrace[] } = {}) {
  const products = new Map((initial.products ?? []).map((p) => [p.id, p]));
  const farms = new Map((initial.farms ?? []).map((f) => [f.id, f]));
  const lots = new Map((initial.lots ?? []).map((l) => [`${l.farm.id}/${l.lotCode}`, l]));
  const requests: string[] = [];
  const notFound = () => Response.json({ status: 404, code: 'not_found' }, { status: 404 });
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(request) {
      const url = new URL(request.url);
      requests.push(url.pathname + url.search);
      if (PRODUCT_LIST.test(url.pathname)) {
        const limit = Number(url.searchParams.get('limit') ?? 20);
        const cursor = url.searchParams.get('cursor');
        // The list carries no photos (as catalog's does not); the product read has them.
        const sorted = [...products.values()].sort((a, b) => a.id.localeCompare(b.id));
        const from = cursor ? sorted.findIndex((p) => p.id > cursor) : 0;
        const page = from < 0 ? [] : sorted.slice(from, from + limit);
        const last = page.at(-1);
        const more = last !== undefined && sorted.at(-1)?.id !== last.id;
        return Response.json({
          items: page.map(({ photos: _photos, ...product }) => product),
          nextCursor: more ? last.id : null,
        });
      }
      const lot = LOT.exec(url.pathname);
      if (lot) {
        const found = lots.get(`${lot[1]}/${decodeURIComponent(lot[2] ?? '')}`);
        return found ? Response.json(found) : notFound();
      }
      const product = PRODUCT.exec(url.pathname);
      if (product) {
        const found = products.get(product[1] ?? '');
        return found ? Response.json(found) : notFound();
      }
      const farm = FARM.exec(url.pathname);
      if (farm) {
        const found = farms.get(farm[1] ?? '');
        return found ? Response.json(found) : notFound();
      }
      return notFound();
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    products,
    farms,
    lots,
    requests,
    stop: () => server.stop(true),
  } satisfies FixtureCatalogServer;
}
