import type { Clock } from '@fruitables/core';
import type { Logger } from 'pino';
import type { CatalogSource } from '../catalog/catalog-source.ts';
import type { Farm, Product } from '../catalog/schemas.ts';
import type { Assets } from './assets.ts';
import { type PageChanges, pagesTouched, type Refresh } from './changes.ts';
import type { PageStore } from './page-store.ts';
import { paths } from './paths.ts';
import type { RenderContext, ShopConfig } from './render-context.ts';
import {
  renderFarmPage,
  renderFramePages,
  renderFruitsPage,
  renderHomePage,
  renderListingPage,
  renderProductPage,
  renderRobots,
  renderSearchIndex,
  renderSitemap,
} from './render-pages.tsx';
import type { RenderedPage } from './rendered-page.ts';
import { createSiteView, emptySiteData, type SiteData, type SiteView } from './site-data.ts';

export interface SiteOptions {
  source: CatalogSource;
  store: PageStore;
  assets: Assets;
  config: ShopConfig;
  clock: Clock;
  logger: Logger;
  /** How many catalog reads a build keeps in flight. */
  concurrency?: number;
}

export interface BuildStats {
  products: number;
  farms: number;
  files: number;
  durationMs: number;
}

export interface Site {
  /** Reads the whole catalog and replaces every page. */
  fullBuild(): Promise<BuildStats>;
  /** Reads the given products and farms again, rebuilds the pages they touch; returns what changed. */
  refresh(refresh: Refresh): Promise<PageChanges>;
  /** Renders the home page again (the month it calls "now" may have turned). */
  refreshHome(): Promise<void>;
  /** True once the first full build is live. */
  isBuilt(): boolean;
  /** When the data behind the live build was read: events older than this are already in it. */
  builtFrom(): Date | null;
  data(): SiteData;
  renderContext(): RenderContext;
}

/** Runs `work` over `items` with at most `limit` at a time, keeping results in order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The storefront's build: catalog data in memory, pages on disk. Full builds and
 * incremental refreshes run one at a time (a refresh waits for a build in progress), so
 * the data and the files always move together.
 */
export function createSite(options: SiteOptions): Site {
  const { source, store, assets, config, clock, logger } = options;
  const concurrency = options.concurrency ?? 8;
  let data: SiteData = emptySiteData();
  let built: Date | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const renderContext = (): RenderContext => ({ config, assets, now: clock.now() });

  /** Products of the list come without photos; the product read has them. */
  async function withPhotos(products: Product[]): Promise<Product[]> {
    return mapLimited(products, concurrency, async (product) => {
      if (product.photos.length > 0) return product;
      const full = await source.getProduct(product.id);
      return full ? { ...product, photos: full.photos } : product;
    });
  }

  async function readFarms(farmIds: string[]): Promise<Map<string, Farm>> {
    const farms = await mapLimited(farmIds, concurrency, (farmId) => source.getFarm(farmId));
    return new Map(farms.flatMap((farm) => (farm ? [[farm.id, farm] as const] : [])));
  }

  function everyPage(context: RenderContext, view: SiteView): RenderedPage[] {
    const pages: (RenderedPage | null)[] = [
      renderHomePage(context, view),
      renderFruitsPage(context, view),
      renderSearchIndex(view),
      renderSitemap(context, view),
      renderRobots(context),
      ...renderFramePages(context),
      ...view.fruits.map(({ fruit }) => renderListingPage(context, view, fruit)),
      ...view.products.map((product) => renderProductPage(context, view, product.id)),
      ...[...view.data.farms.keys()].map((farmId) => renderFarmPage(context, view, farmId)),
    ];
    const assetFiles: RenderedPage[] = assets.files.map((file) => ({
      path: file.path,
      body: file.body,
      contentType: file.contentType,
      keys: ['assets'],
      cache: 'asset',
    }));
    return [...pages.filter((page): page is RenderedPage => page !== null), ...assetFiles];
  }

  return {
    fullBuild: () =>
      serialized(async () => {
        const started = performance.now();
        const readAt = clock.now();
        const listed = await source.listProducts();
        const [products, farms] = await Promise.all([
          withPhotos(listed),
          readFarms([...new Set(listed.map((product) => product.farmId))]),
        ]);
        const next: SiteData = { products: new Map(products.map((p) => [p.id, p])), farms };
        const pages = everyPage(renderContext(), createSiteView(next));
        await store.replaceAll(pages);
        data = next;
        built = readAt;
        const stats = {
          products: next.products.size,
          farms: next.farms.size,
          files: pages.length,
          durationMs: Math.round(performance.now() - started),
        };
        logger.info(stats, 'full build done');
        return stats;
      }),

    refresh: (refresh) =>
      serialized(async () => {
        const products = await mapLimited(refresh.productIds, concurrency, (id) => source.getProduct(id));
        const next: SiteData = { products: new Map(data.products), farms: new Map(data.farms) };
        refresh.productIds.forEach((id, index) => {
          const product = products[index];
          if (product) next.products.set(id, product);
          else next.products.delete(id);
        });
        // A product of a farm we have not shown yet brings its farm along.
        const unknownFarms = products.flatMap((p) => (p && !next.farms.has(p.farmId) ? [p.farmId] : []));
        const farmIds = [...new Set([...refresh.farmIds, ...unknownFarms])];
        const farms = await readFarms(farmIds);
        for (const farmId of farmIds) {
          const farm = farms.get(farmId);
          if (farm) next.farms.set(farmId, farm);
          else next.farms.delete(farmId);
        }
        const changes = pagesTouched(data, next, { productIds: refresh.productIds, farmIds });
        await writeChanges(next, changes);
        data = next;
        return changes;
      }),

    refreshHome: () =>
      serialized(async () => {
        await store.write([renderHomePage(renderContext(), createSiteView(data))]);
      }),

    isBuilt: () => built !== null,
    builtFrom: () => built,
    data: () => data,
    renderContext,
  };

  async function writeChanges(next: SiteData, changes: PageChanges): Promise<void> {
    const context = renderContext();
    const view = createSiteView(next);
    const pages: RenderedPage[] = [];
    const gone: string[] = [];
    const add = (page: RenderedPage | null, path: string) => (page ? pages.push(page) : gone.push(path));
    for (const id of changes.products) add(renderProductPage(context, view, id), paths.product(id));
    for (const id of changes.farms) add(renderFarmPage(context, view, id), paths.farm(id));
    for (const fruit of changes.fruits) add(renderListingPage(context, view, fruit), paths.listing(fruit));
    if (changes.home) pages.push(renderHomePage(context, view));
    if (changes.fruitsIndex) pages.push(renderFruitsPage(context, view));
    if (changes.search) pages.push(renderSearchIndex(view));
    if (changes.sitemap) pages.push(renderSitemap(context, view));
    await store.write(pages);
    await store.remove(gone);
  }
}
