import { resolve } from 'node:path';
import type { Clock } from '@fruitables/core';
import type { Logger } from 'pino';
import { createHttpCatalogSource } from '../catalog/http-catalog-source.ts';
import { buildAssets } from './assets.ts';
import { createPageStore } from './page-store.ts';
import { createSite } from './site.ts';

/** The variables a build needs (a subset of the service's, so the one-off build CLI can share it). */
export interface BuildEnv {
  STOREFRONT_CATALOG_URL: string;
  STOREFRONT_PUBLIC_URL: string;
  STOREFRONT_IDENTITY_API: string;
  STOREFRONT_CATALOG_API: string;
  STOREFRONT_BUILD_DIR: string;
  STOREFRONT_DELIVERY_CUTOFF: string;
  STOREFRONT_DELIVERY_BY: string;
  STOREFRONT_CATALOG_CONCURRENCY: number;
}

/** The site, its page store and its catalog source, as main.ts and the build CLI wire them. */
export async function createSiteFromEnv(env: BuildEnv, deps: { clock: Clock; logger: Logger }) {
  const source = createHttpCatalogSource({ baseUrl: env.STOREFRONT_CATALOG_URL });
  const store = createPageStore(resolve(env.STOREFRONT_BUILD_DIR));
  const site = createSite({
    source,
    store,
    assets: await buildAssets(),
    config: {
      publicUrl: env.STOREFRONT_PUBLIC_URL,
      identityApi: env.STOREFRONT_IDENTITY_API,
      catalogApi: env.STOREFRONT_CATALOG_API,
      deliveryCutoff: env.STOREFRONT_DELIVERY_CUTOFF,
      deliveryBy: env.STOREFRONT_DELIVERY_BY,
    },
    clock: deps.clock,
    logger: deps.logger,
    concurrency: env.STOREFRONT_CATALOG_CONCURRENCY,
  });
  return { source, store, site };
}
