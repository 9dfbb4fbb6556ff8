import { z } from 'zod';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24-hour, Asia/Seoul)');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * storefront's own variables, on top of the ones the kit's service runner adds to every
 * service (DATABASE_URL holds the rebuilder's inbox; REDIS_URL is the event bus;
 * CONSUMER_NAME names the rebuilder in its group). The catalog URL and the purge settings
 * have no defaults: a wrong one would build an empty shop or never refresh the edge, quietly.
 */
export const storefrontEnvShape = {
  /** catalog itself (not the edge, whose copy may be 30 s old), e.g. `http://127.0.0.1:7102`. */
  STOREFRONT_CATALOG_URL: httpUrl,
  /** The shop's public origin for canonical links, Open Graph and the sitemap, e.g. `https://fruitables.kr`. */
  STOREFRONT_PUBLIC_URL: httpUrl.transform((url) => url.replace(/\/+$/, '')),
  /** Where the browser islands call identity and catalog: a path on the edge, or a URL. */
  STOREFRONT_IDENTITY_API: z.string().min(1).default('/api/identity'),
  STOREFRONT_CATALOG_API: z.string().min(1).default('/api/catalog'),
  /**
   * The edge to purge. Its host name may resolve to several addresses (a headless Service
   * in K3s, one per Varnish pod): every one of them is purged.
   */
  STOREFRONT_EDGE_PURGE_URL: httpUrl,
  /** Shared with the edge's VCL; without it a purge is refused even from an allowed address. */
  STOREFRONT_EDGE_PURGE_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,128}$/, 'must be 32-128 characters of [A-Za-z0-9_-]'),
  /** Where builds are written; relative to the working directory unless absolute. */
  STOREFRONT_BUILD_DIR: z.string().min(1).default('.fruitables/storefront-build'),
  /** Order by this time (Asia/Seoul) for next-morning delivery. */
  STOREFRONT_DELIVERY_CUTOFF: clockTime.default('23:00'),
  STOREFRONT_DELIVERY_BY: clockTime.default('07:00'),
  /** Catalog reads a build keeps in flight. */
  STOREFRONT_CATALOG_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
};
