import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFieldCipher } from '@fruitables/core/field-cipher';
import { parseEnv } from '@fruitables/kit';
import { afterEach, describe, expect, it } from 'vitest';
import { devEnv, devServiceCredentials } from './dev-env.ts';
import { createServiceClients } from './domain/service-clients.ts';
import { loadSigningKeys } from './domain/signing-keys.ts';
import { identityEnvShape } from './env.ts';

/** What the local stack would hand identity: the edge and the mail catcher (nothing listens; boot only needs URLs). */
const LOCAL_STACK = { edgeUrl: () => 'http://127.0.0.1:8080', smtpUrl: () => 'smtp://127.0.0.1:1025' };

const folders: string[] = [];
const newFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'identity-dev-env-'));
  folders.push(folder);
  return join(folder, 'secrets');
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('local development secrets', () => {
  it('creates secrets once, privately, and returns the same ones afterwards', async () => {
    const folder = newFolder();
    const first = await devEnv(folder, LOCAL_STACK);
    const second = await devEnv(folder, LOCAL_STACK);
    expect(second).toEqual(first);
    expect(statSync(join(folder, 'identity.json')).mode & 0o777).toBe(0o600);
  });

  it('gives an environment the service boots with: two signing keys and a working encryption key', async () => {
    const env = parseEnv(identityEnvShape, await devEnv(newFolder(), LOCAL_STACK));
    const keys = await loadSigningKeys(env.IDENTITY_SIGNING_KEYS);
    expect(keys.publicJwks.keys).toHaveLength(2);
    const cipher = createFieldCipher({
      keys: new Map(Object.entries(env.IDENTITY_ENCRYPTION_KEYS)),
      activeKeyId: env.IDENTITY_ENCRYPTION_KEY_ID,
    });
    expect(cipher.open(cipher.seal('01012345678', 'x'), 'x')).toBe('01012345678');
  });

  it('hands out client credentials that match the hashes identity is given, with their scopes', async () => {
    const folder = newFolder();
    const env = parseEnv(identityEnvShape, await devEnv(folder, LOCAL_STACK));
    const clients = createServiceClients(env.IDENTITY_SERVICE_CLIENTS);
    const credentials = await devServiceCredentials(folder);
    const orders = credentials.find((client) => client.clientId === 'orders');
    const storefront = credentials.find((client) => client.clientId === 'storefront');
    expect(orders?.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(clients.authenticate('orders', orders?.clientSecret ?? '')).toEqual({
      clientId: 'orders',
      scopes: ['catalog:holds', 'logistics:bookings', 'payments:refunds'],
    });
    const payments = credentials.find((client) => client.clientId === 'payments');
    expect(clients.authenticate('payments', payments?.clientSecret ?? '')?.scopes).toContain(
      'identity:payout-accounts',
    );
    expect(clients.authenticate('storefront', storefront?.clientSecret ?? '')).toEqual({
      clientId: 'storefront',
      scopes: [],
    });
    expect(clients.authenticate('orders', storefront?.clientSecret ?? '')).toBeUndefined();
  });

  it('gives a secrets file from before HMAC client secrets new service clients and keeps its keys', async () => {
    const folder = newFolder();
    const before = await devEnv(folder, LOCAL_STACK);
    const path = join(folder, 'identity.json');
    const stored = JSON.parse(readFileSync(path, 'utf8'));
    stored.serviceClients = [
      { clientId: 'orders', clientSecret: 'old', secretHash: '$argon2id$v=19$m=19456,t=2,p=1$x$y' },
    ];
    writeFileSync(path, JSON.stringify(stored));
    const after = parseEnv(identityEnvShape, await devEnv(folder, LOCAL_STACK));
    expect(after.IDENTITY_SIGNING_KEYS).toEqual(JSON.parse(before.IDENTITY_SIGNING_KEYS ?? '[]'));
    expect(after.IDENTITY_SERVICE_CLIENTS.map((client) => client.clientId)).toContain('orders');
  });
});
