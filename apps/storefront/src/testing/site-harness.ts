import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { CatalogSource } from '../catalog/catalog-source.ts';
import { createHttpCatalogSource } from '../catalog/http-catalog-source.ts';
import { type Assets, buildAssets } from '../site/assets.ts';
import { createPageStore, type PageStore } from '../site/page-store.ts';
import type { ShopConfig } from '../site/render-context.ts';
import { createSite, type Site } from '../site/site.ts';

export const testShopConfig: ShopConfig = {
  publicUrl: 'https://shop.test',
  identityApi: '/api/identity',
  catalogApi: '/api/catalog',
  deliveryCutoff: '23:00',
  deliveryBy: '07:00',
};

let assets: Promise<Assets> | undefined;

export interface TestSite {
  dir: string;
  store: PageStore;
  site: Site;
  source: CatalogSource;
  /** Reads a built file by URL path, as the origin would serve it. */
  read(path: string): Promise<string>;
  close(): void;
}

/** A site building from `catalogUrl` into a fresh temporary folder; `now` fixes "this month". */
export async function createTestSite(catalogUrl: string, options: { now?: Date } = {}): Promise<TestSite> {
  const dir = mkdtempSync(join(tmpdir(), 'storefront-test-'));
  const store = createPageStore(dir);
  const source = createHttpCatalogSource({ baseUrl: catalogUrl });
  assets ??= buildAssets();
  const now = options.now ?? new Date('2026-11-21T03:00:00Z');
  const site = createSite({
    source,
    store,
    assets: await assets,
    config: testShopConfig,
    clock: { now: () => now },
    logger: pino({ level: 'silent' }),
  });
  return {
    dir,
    store,
    site,
    source,
    async read(path) {
      const entry = store.lookup(path);
      if (!entry) throw new Error(`no page at ${path}`);
      return Bun.file(entry.file).text();
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
