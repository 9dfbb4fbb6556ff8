import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { STAND_IN_DEV_KEYS } from './toss-stand-in/dev-keys.ts';

const devSecretsSchema = z.object({ encryptionKeys: z.record(z.string(), z.string()), encryptionKeyId: z.string() });

/**
 * The field cipher's local key, made on first use and kept in `secretsDir` (mode 0600), so
 * refund accounts sealed in one `up` still open in the next, and no key is in the repository.
 */
function loadDevSecrets(secretsDir: string): z.infer<typeof devSecretsSchema> {
  const path = join(secretsDir, 'payments.json');
  if (!existsSync(path)) {
    mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
    const secrets = {
      encryptionKeys: { dev1: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64') },
      encryptionKeyId: 'dev1',
    };
    try {
      // `wx`: if another process created the file meanwhile, keep theirs rather than overwrite it.
      writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
  }
  return devSecretsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

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
export async function devEnv(secretsDir: string, stack: LocalStack): Promise<Record<string, string>> {
  const secrets = loadDevSecrets(secretsDir);
  return {
    AUTH_JWKS_URL: `${stack.serviceUrl('identity')}/.well-known/jwks.json`,
    ORDERS_URL: stack.serviceUrl('orders'),
    PAYMENTS_SHOP_URL: stack.edgeUrl(),
    PAYMENTS_TOSS_API_URL: stack.standInUrl('toss'),
    PAYMENTS_TOSS_SECRET_KEY: STAND_IN_DEV_KEYS.secretKey,
    PAYMENTS_TOSS_CLIENT_KEY: STAND_IN_DEV_KEYS.clientKey,
    PAYMENTS_ENCRYPTION_KEYS: JSON.stringify(secrets.encryptionKeys),
    PAYMENTS_ENCRYPTION_KEY_ID: secrets.encryptionKeyId,
    // Locally payouts go through the stand-in's payout API, so PayoutPaid follows the run at once.
    PAYMENTS_PAYOUT_TRANSFER: 'payout_api',
  };
}
