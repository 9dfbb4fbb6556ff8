import { buildProblem } from '@fruitables/kit';
import { standInRoutes, startStandInServer } from '@fruitables/kit/testing';
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
  /** Requests as `METHOD path?query`, for asserting what a rebuild read. */
  requests: string[];
  stop(): void;
}

export function startFixtureCatalog(initial: { farms?: Farm[]; products?: Product[]; lots?: LotTrace[] } = {}) {
  const products = new Map((initial.products ?? []).map((p) => [p.id, p]));
  const farms = new Map((initial.farms ?? []).map((f) => [f.id, f]));
  const lots = new Map((initial.lots ?? []).map((l) => [`${l.farm.id}/${l.lotCode}`, l]));
  const notFound = () =>
    Response.json(buildProblem(404, 'not_found', 'No such fixture.', 'fixture-catalog'), {
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
    });
  const found = (value: unknown) => (value === undefined ? notFound() : Response.json(value));
  const server = startStandInServer(
    standInRoutes([
      {
        method: 'GET',
        path: /^\/v1\/products$/,
        answer(_match, request) {
          const url = new URL(request.url);
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
        },
      },
      {
        method: 'GET',
        path: /^\/v1\/farms\/([^/]+)\/lots\/([^/]+)$/,
        answer: (match) => found(lots.get(`${match[1]}/${decodeURIComponent(match[2] ?? '')}`)),
      },
      { method: 'GET', path: /^\/v1\/products\/([^/]+)$/, answer: (match) => found(products.get(match[1] ?? '')) },
      { method: 'GET', path: /^\/v1\/farms\/([^/]+)$/, answer: (match) => found(farms.get(match[1] ?? '')) },
    ]),
  );
  return {
    url: server.url,
    products,
    farms,
    lots,
    requests: server.requests,
    stop: () => void server.stop(),
  } satisfies FixtureCatalogServer;
}
