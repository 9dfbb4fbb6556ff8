import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the local stack offers a service's dev-env (see packages/stack/src/services.ts). */
interface LocalStack {
  serviceUrl(name: string): string;
}

const GIFT_LINK_SECRET_FILE = 'orders-gift-link-secret';

/**
 * The local gift-link secret, made on first use and kept in `secretsDir` (mode 0600): no key in
 * the repository, and links sent before a restart still open after it.
 */
function loadGiftLinkSecret(secretsDir: string): string {
  const path = join(secretsDir, GIFT_LINK_SECRET_FILE);
  if (!existsSync(path)) {
    mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
    try {
      // `wx`: if another process created the file meanwhile, keep theirs.
      writeFileSync(path, Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'), {
        mode: 0o600,
        flag: 'wx',
      });
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
  }
  return readFileSync(path, 'utf8').trim();
}

/**
 * Local settings for `./fruitables up`: orders trusts the local identity's keys and calls the
 * local catalog, logistics and payments. Its client credentials (SERVICE_CLIENT_ID/SECRET,
 * IDENTITY_URL) come from the stack, which hands every service its own.
 */
export async function devEnv(secretsDir: string, stack: LocalStack): Promise<Record<string, string>> {
  return {
    AUTH_JWKS_URL: `${stack.serviceUrl('identity')}/.well-known/jwks.json`,
    CATALOG_URL: stack.serviceUrl('catalog'),
    LOGISTICS_URL: stack.serviceUrl('logistics'),
    PAYMENTS_URL: stack.serviceUrl('payments'),
    ORDERS_GIFT_LINK_SECRET: loadGiftLinkSecret(secretsDir),
  };
}
