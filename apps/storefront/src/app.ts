import { createServiceApp, type KitEnv, type Lifecycle, type ReadinessCheck } from '@fruitables/kit';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { CatalogSource } from './catalog/catalog-source.ts';
import { registerOriginRoutes } from './origin/routes.ts';
import type { PageStore } from './site/page-store.ts';
import type { Site } from './site/site.ts';

export interface StorefrontDeps {
  logger: Logger;
  registry: Registry;
  lifecycle: Lifecycle;
  site: Site;
  store: PageStore;
  source: CatalogSource;
  /** PostgreSQL (the inbox), Redis and the rebuilder's consumer; the first build is always checked. */
  readiness: ReadinessCheck[];
  bodyLimitBytes: number;
  requestTimeoutMs: number;
}

/**
 * The storefront origin: the kit's operations routes (`/healthz`, `/readyz`, `/metrics`,
 * `/openapi.json`) and, for every other GET, the shop's prerendered files. It is ready
 * only once the first full build is live, so neither `up` nor K3s sends shoppers to an
 * empty shop.
 */
export function createApp(deps: StorefrontDeps): OpenAPIHono<KitEnv> {
  const app = createServiceApp({
    name: 'storefront',
    version: '0.1.0',
    description:
      'The shop itself: prerendered pages served to the edge. It has no JSON API of its own; these are its operations routes.',
    logger: deps.logger,
    registry: deps.registry,
    lifecycle: deps.lifecycle,
    readiness: [
      {
        name: 'build',
        check: async () => {
          if (!deps.site.isBuilt()) throw new Error('the first full build is not live yet');
        },
      },
      ...deps.readiness,
    ],
    bodyLimitBytes: deps.bodyLimitBytes,
    requestTimeoutMs: deps.requestTimeoutMs,
  });
  registerOriginRoutes(app, deps);
  return app;
}
