import { resolve } from 'node:path';

/** What the local stack offers a service's dev-env (see packages/stack/src/services.ts). */
interface LocalStack {
  serviceUrl(name: string): string;
}

/**
 * Local settings for `./fruitables up`: catalog trusts the local identity's keys, and keeps
 * photos beside the stack's other data. The stack hands us `<stack dir>/secrets/catalog`;
 * photos go to `<stack dir>/photos/catalog`, so they live and die with that stack (`up`
 * and `test` never share one).
 */
export async function devEnv(secretsDir: string, stack: LocalStack): Promise<Record<string, string>> {
  return {
    AUTH_JWKS_URL: `${stack.serviceUrl('identity')}/.well-known/jwks.json`,
    CATALOG_PHOTO_STORAGE: 'fs',
    CATALOG_PHOTO_DIR: resolve(secretsDir, '../../photos/catalog'),
  };
}
