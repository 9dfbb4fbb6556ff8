import { resolve } from 'node:path';

/** What the local stack offers a service's dev-env (see packages/stack/src/services.ts). */
interface LocalStack {
  serviceUrl(name: string): string;
  edgeUrl(): string;
  edgePurgeSecret(): string;
}

/**
 * Local settings for `./fruitables up`: build from the local catalog, link and purge through
 * the local edge (which is also the shop's URL), and keep builds beside the stack's other
 * data (`<stack dir>/storefront-build`), so they live and die with that stack.
 */
export async function devEnv(secretsDir: string, stack: LocalStack): Promise<Record<string, string>> {
  return {
    STOREFRONT_CATALOG_URL: stack.serviceUrl('catalog'),
    STOREFRONT_PUBLIC_URL: stack.edgeUrl(),
    STOREFRONT_EDGE_PURGE_URL: stack.edgeUrl(),
    STOREFRONT_EDGE_PURGE_SECRET: stack.edgePurgeSecret(),
    STOREFRONT_BUILD_DIR: resolve(secretsDir, '../../storefront-build'),
  };
}
