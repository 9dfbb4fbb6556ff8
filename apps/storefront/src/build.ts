import { systemClock } from '@fruitables/core';
import { createLogger, exitOnEnvError, parseEnv, serviceEnvShape } from '@fruitables/kit';
import { storefrontEnvShape } from './env.ts';
import { createSiteFromEnv } from './site/create-site-from-env.ts';

// One full build and exit: `bun apps/storefront/src/build.ts` with STOREFRONT_CATALOG_URL,
// STOREFRONT_PUBLIC_URL and STOREFRONT_BUILD_DIR. For looking at the output without the
// service, and for the build benchmark. Prints the build's numbers as one JSON line.
const env = exitOnEnvError('storefront', () =>
  parseEnv(
    {
      LOG_LEVEL: serviceEnvShape.LOG_LEVEL,
      STOREFRONT_CATALOG_URL: storefrontEnvShape.STOREFRONT_CATALOG_URL,
      STOREFRONT_PUBLIC_URL: storefrontEnvShape.STOREFRONT_PUBLIC_URL,
      STOREFRONT_IDENTITY_API: storefrontEnvShape.STOREFRONT_IDENTITY_API,
      STOREFRONT_CATALOG_API: storefrontEnvShape.STOREFRONT_CATALOG_API,
      STOREFRONT_BUILD_DIR: storefrontEnvShape.STOREFRONT_BUILD_DIR,
      STOREFRONT_DELIVERY_CUTOFF: storefrontEnvShape.STOREFRONT_DELIVERY_CUTOFF,
      STOREFRONT_DELIVERY_BY: storefrontEnvShape.STOREFRONT_DELIVERY_BY,
      STOREFRONT_CATALOG_CONCURRENCY: storefrontEnvShape.STOREFRONT_CATALOG_CONCURRENCY,
    },
    process.env,
  ),
);
const logger = createLogger({ service: 'storefront', level: env.LOG_LEVEL });
const { site, store } = await createSiteFromEnv(env, { clock: systemClock, logger });
const stats = await site.fullBuild();
console.log(JSON.stringify({ ...stats, dir: store.currentDir() }));
