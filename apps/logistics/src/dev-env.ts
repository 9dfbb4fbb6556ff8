/** What the local stack offers a service's dev-env (see packages/stack/src/services.ts). */
interface LocalStack {
  serviceUrl(name: string): string;
  edgeUrl(): string;
}

/** Local settings for `./fruitables up`: logistics trusts the local identity's keys; labels point at the local shop. */
export async function devEnv(_secretsDir: string, stack: LocalStack): Promise<Record<string, string>> {
  return {
    AUTH_JWKS_URL: `${stack.serviceUrl('identity')}/.well-known/jwks.json`,
    LOGISTICS_SHOP_URL: stack.edgeUrl(),
  };
}
