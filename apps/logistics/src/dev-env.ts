/** What the local stack offers a service's dev-env (see packages/stack/src/services.ts). */
interface LocalStack {
  serviceUrl(name: string): string;
  edgeUrl(): string;
  /** Where a declared stand-in answers (packages/stack; optional until every stack has it). */
  standInUrl?(name: string): string;
}

/**
 * Local settings for `./fruitables up`: logistics trusts the local identity's keys, labels point
 * at the local shop, and courier tracking goes to the stand-in tracker (port 7205).
 */
export async function devEnv(_secretsDir: string, stack: LocalStack): Promise<Record<string, string>> {
  return {
    AUTH_JWKS_URL: `${stack.serviceUrl('identity')}/.well-known/jwks.json`,
    LOGISTICS_SHOP_URL: stack.edgeUrl(),
    LOGISTICS_TRACKER_URL: `${stack.standInUrl?.('tracker') ?? 'http://127.0.0.1:7205'}/graphql`,
    // Polled every 20 s locally, so the shop's order page moves while you watch.
    LOGISTICS_TRACKING_POLL_MS: '20000',
    LOGISTICS_TRACKER_WEBHOOK_URL: `${stack.serviceUrl('logistics')}/v1/webhooks/tracker`,
  };
}
