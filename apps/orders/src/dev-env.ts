/** What the local stack offers a service's dev-env (see packages/stack/src/services.ts). */
interface LocalStack {
  serviceUrl(name: string): string;
}

/**
 * Local settings for `./fruitables up`: orders trusts the local identity's keys and calls the
 * local catalog, logistics and payments. Its client credentials (SERVICE_CLIENT_ID/SECRET,
 * IDENTITY_URL) come from the stack, which hands every service its own.
 */
export async function devEnv(_secretsDir: string, stack: LocalStack): Promise<Record<string, string>> {
  return {
    AUTH_JWKS_URL: `${stack.serviceUrl('identity')}/.well-known/jwks.json`,
    CATALOG_URL: stack.serviceUrl('catalog'),
    LOGISTICS_URL: stack.serviceUrl('logistics'),
    PAYMENTS_URL: stack.serviceUrl('payments'),
  };
}
