/** What the local stack offers a service's dev-env (see packages/stack/src/services.ts). */
interface LocalStack {
  serviceUrl(name: string): string;
}

/** Local settings for `./fruitables up`: catalog trusts the local identity's keys. */
export async function devEnv(_secretsDir: string, stack: LocalStack): Promise<Record<string, string>> {
  return { CATALOG_JWKS_URL: `${stack.serviceUrl('identity')}/.well-known/jwks.json` };
}
