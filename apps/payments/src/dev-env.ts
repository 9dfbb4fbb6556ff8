import { STAND_IN_DEV_KEYS } from './toss-stand-in/dev-keys.ts';

/** What the local stack offers a service's dev-env (see packages/stack/src/services.ts). */
interface LocalStack {
  serviceUrl(name: string): string;
  /** Where a declared stand-in answers (the platform engineer is adding this to the stack). */
  standInUrl(name: string): string;
  /** The edge: the shop's URL, where the PG sends the shopper back. */
  edgeUrl(): string;
}

/**
 * Local settings for `./fruitables up`: payments trusts the local identity's keys, calls the
 * local orders, and pays through the Toss stand-in with its local keys. With real Toss test
 * keys in the environment instead, the same code talks to Toss. The service client
 * credentials (SERVICE_CLIENT_ID/SECRET, IDENTITY_URL) come from the stack.
 */
export async function devEnv(_secretsDir: string, stack: LocalStack): Promise<Record<string, string>> {
  return {
    AUTH_JWKS_URL: `${stack.serviceUrl('identity')}/.well-known/jwks.json`,
    ORDERS_URL: stack.serviceUrl('orders'),
    PAYMENTS_SHOP_URL: stack.edgeUrl(),
    PAYMENTS_TOSS_API_URL: stack.standInUrl('toss'),
    PAYMENTS_TOSS_SECRET_KEY: STAND_IN_DEV_KEYS.secretKey,
    PAYMENTS_TOSS_CLIENT_KEY: STAND_IN_DEV_KEYS.clientKey,
  };
}
