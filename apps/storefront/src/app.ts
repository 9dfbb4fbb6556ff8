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
  /**
   * What `/readyz` checks: PostgreSQL (the inbox), Redis, the rebuilder and whether the
   * first full build is live (`siteBuiltReadiness`, or the runner's start-up check, which
   * passes only once the build is).
   */
  readiness: readonly ReadinessCheck[];
  bodyLimitBytes: number;
  requestTimeoutMs: number;
}

/** Fails until the first full build is live, so neither `up` nor K3s sends shoppers to an empty shop. */
export const siteBuiltReadiness = (site: Pick<Site, 'isBuilt'>): ReadinessCheck => ({
  name: 'build',
  check: async () => {
    if (!site.isBuilt()) throw new Error('the first full build is not live yet');
  },
});

/**
 * The storefront origin: the kit's operations routes (`/healthz`, `/readyz`, `/openapi.json`)
 * and, for every other GET, the shop's prerendered files.
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
    readiness: deps.readiness,
    bodyLimitBytes: deps.bodyLimitBytes,
    requestTimeoutMs: deps.requestTimeoutMs,
  });
  registerOriginRoutes(app, deps);
  return app;
}
