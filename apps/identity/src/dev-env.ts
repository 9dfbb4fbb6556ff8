import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { z } from 'zod';
import { CLIENT_SECRET_HASH, hashClientSecret, newClientSecret } from './domain/client-secret-hash.ts';

/**
 * The services that call others and so get a client-credentials login in the local stack, with
 * the scopes each may be granted. Only orders may hold catalog's stock; the storefront reads
 * catalog's public routes and gets no internal scope.
 */
export const DEV_SERVICE_CLIENTS: Record<string, readonly string[]> = {
  catalog: [],
  orders: ['catalog:holds', 'logistics:bookings', 'payments:refunds'],
  payments: ['orders:payments', 'identity:payout-accounts'],
  logistics: [],
  auctions: [],
  storefront: [],
};

const devSecretsSchema = z.object({
  signingKeys: z.array(z.looseObject({ kid: z.string() })).min(1),
  encryptionKeys: z.record(z.string(), z.string()),
  encryptionKeyId: z.string(),
  serviceClients: z.array(
    z.object({ clientId: z.string(), clientSecret: z.string(), secretHash: z.string().regex(CLIENT_SECRET_HASH) }),
  ),
});

type DevSecrets = z.infer<typeof devSecretsSchema>;

const FILE_NAME = 'identity.json';

async function newSigningKey(kid: string): Promise<JWK & { kid: string }> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
}

async function generateDevSecrets(): Promise<DevSecrets> {
  const stamp = new Date().toISOString().slice(0, 10);
  // Two keys, as in production, so the JWKS and every verifier handle more than one from day one.
  const signingKeys = [await newSigningKey(`dev-${stamp}-a`), await newSigningKey(`dev-${stamp}-b`)];
  return {
    signingKeys,
    encryptionKeys: { dev1: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64') },
    encryptionKeyId: 'dev1',
    serviceClients: newServiceClients(),
  };
}

function newServiceClients(): DevSecrets['serviceClients'] {
  return Object.keys(DEV_SERVICE_CLIENTS).map((clientId) => {
    const clientSecret = newClientSecret();
    return { clientId, clientSecret, secretHash: hashClientSecret(clientSecret) };
  });
}

/**
 * A secrets file from before client secrets were HMAC'd holds argon2 hashes: give it new
 * service clients (only the local services use them) and keep its keys, so sessions and sealed
 * data survive the upgrade.
 */
function upgradeServiceClients(path: string, stored: Record<string, unknown>): void {
  const clients = z.array(z.object({ secretHash: z.string() })).safeParse(stored.serviceClients);
  if (clients.success && clients.data.every((client) => CLIENT_SECRET_HASH.test(client.secretHash))) return;
  writeFileSync(path, `${JSON.stringify({ ...stored, serviceClients: newServiceClients() }, null, 2)}\n`, {
    mode: 0o600,
  });
}

/**
 * Local development secrets, made on first use and kept in `secretsDir` (mode 0600), so
 * `./fruitables up` runs identity without any key in the repository and keeps the same keys
 * (and so the same sessions and readable sealed data) across restarts.
 */
async function loadDevSecrets(secretsDir: string): Promise<DevSecrets> {
  const path = join(secretsDir, FILE_NAME);
  if (!existsSync(path)) {
    mkdirSync(secretsDir, { recursive: true, mode: 0o700 });
    const secrets = await generateDevSecrets();
    try {
      // `wx`: if another process created the file meanwhile, keep theirs rather than overwrite it.
      writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
  }
  upgradeServiceClients(path, z.record(z.string(), z.unknown()).parse(JSON.parse(readFileSync(path, 'utf8'))));
  // Always read back, so the first call and every later one return exactly the same values.
  return devSecretsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** identity's secret variables for the local stack (the rest of its env is the stack's business). */
export async function devEnv(
  secretsDir: string,
  stack: { edgeUrl(): string; smtpUrl(): string },
): Promise<Record<string, string>> {
  const secrets = await loadDevSecrets(secretsDir);
  return {
    IDENTITY_SIGNING_KEYS: JSON.stringify(secrets.signingKeys),
    IDENTITY_ENCRYPTION_KEYS: JSON.stringify(secrets.encryptionKeys),
    IDENTITY_ENCRYPTION_KEY_ID: secrets.encryptionKeyId,
    IDENTITY_SERVICE_CLIENTS: JSON.stringify(
      // Scopes come from the code, not the secrets file, so a grant added later reaches existing checkouts.
      secrets.serviceClients.map(({ clientId, secretHash }) => ({
        clientId,
        secretHash,
        scopes: DEV_SERVICE_CLIENTS[clientId] ?? [],
      })),
    ),
    // Locally the edge (Varnish) is the one proxy in front of identity.
    IDENTITY_TRUSTED_PROXY_HOPS: '1',
    // Mail goes to the stack's catcher; its links lead to the shop behind the edge.
    IDENTITY_SMTP_URL: stack.smtpUrl(),
    IDENTITY_PUBLIC_URL: stack.edgeUrl(),
  };
}

/** The plaintext client credentials, for the stack to hand each service its own (never identity). */
export async function devServiceCredentials(secretsDir: string): Promise<{ clientId: string; clientSecret: string }[]> {
  const secrets = await loadDevSecrets(secretsDir);
  return secrets.serviceClients.map(({ clientId, clientSecret }) => ({ clientId, clientSecret }));
}
