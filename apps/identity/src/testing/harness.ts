import { createFieldCipher, type FieldCipher } from '@fruitables/core/field-cipher';
import { postgresReadiness } from '@fruitables/db';
import { redisReadiness } from '@fruitables/kit';
import { createServiceHarness, createTestSigner, type ServiceHarness } from '@fruitables/kit/testing';
import { createRecordingMailSender, type MailSender } from '@fruitables/mail';
import { identityTables } from '@fruitables/schema-identity';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { createApp } from '../app.ts';
import { createAdminAccount } from '../domain/accounts.ts';
import { type BackgroundTasks, createBackgroundTasks } from '../domain/background-tasks.ts';
import { hashClientSecret } from '../domain/client-secret-hash.ts';
import type { LoginThrottlePolicies } from '../domain/login-throttle.ts';
import type { MailRequestPolicy } from '../domain/mail-request-throttle.ts';
import {
  type Argon2Params,
  createPasswordHasher,
  type PasswordHasher,
  type PasswordHasherOptions,
} from '../domain/passwords.ts';
import { loadSigningKeys, type SigningKeys } from '../domain/signing-keys.ts';
import type { SocialLoginConfig } from '../domain/social-providers.ts';
import type { IdentityApp } from '../routes/deps.ts';

export { createTestClock, type TestClock } from '@fruitables/core/testing';

/** Cheap argon2id for tests (still argon2id, still explicit); production defaults are far costlier. */
export const TEST_ARGON2: Argon2Params = { memoryCost: 8192, timeCost: 1 };

/** orders, as configured in production: it may hold catalog's stock. */
export const TEST_SERVICE_CLIENT = {
  clientId: 'orders',
  clientSecret: 'orders-test-secret-0123456789abcdef-0123456',
  scopes: ['catalog:holds', 'logistics:slots'],
};
/** payments: it may read farms' payout accounts. */
export const TEST_PAYMENTS_CLIENT = {
  clientId: 'payments',
  clientSecret: 'payments-test-secret-0123456789abcdef-01234',
  scopes: ['identity:payout-accounts'],
};
/** The storefront: a service client with no internal scope at all. */
export const TEST_STOREFRONT_CLIENT = {
  clientId: 'storefront',
  clientSecret: 'storefront-test-secret-0123456789abcdef',
};

export async function newSigningJwk(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid };
}

export const randomAesKey = (): Uint8Array => crypto.getRandomValues(new Uint8Array(32));

/** A unique address per caller, so no two tests (or files) share a per-address throttle. */
export const uniqueIp = (): string =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

export const uniqueEmail = (label = 'user'): string => `${label}.${crypto.randomUUID().slice(0, 12)}@example.kr`;

export interface HarnessOptions {
  throttlePolicies?: LoginThrottlePolicies;
  argon2?: Argon2Params;
  /** The password hasher's cap and implementation (none: unbounded, Bun.password). */
  passwordOptions?: PasswordHasherOptions;
  /** Signing keys as private JWKs; two fresh ones by default. */
  signingJwks?: JWK[];
  encryptionKeys?: Map<string, Uint8Array>;
  activeEncryptionKeyId?: string;
  /** Social login settings (point them at a stand-in provider); off by default. */
  social?: SocialLoginConfig;
  /** Where account mails go: a recorder by default; mail tests pass an SMTP sender to a real catcher. */
  mailSender?: MailSender;
  mailRequestPolicy?: MailRequestPolicy;
  sessionAbsoluteLifetimeMs?: number;
}

/** The shop origin the harness's mailed links point at. */
export const TEST_PUBLIC_URL = 'http://shop.test';

/** What identity adds to the kit harness: its app, keys, cipher and password hasher. */
interface IdentityParts {
  app: IdentityApp;
  signingKeys: SigningKeys;
  cipher: FieldCipher;
  passwords: PasswordHasher;
  /** This harness's default client address (sent as X-Forwarded-For). */
  ip: string;
  /** The app's background work (mail lookups and sends); `await tasks.idle()` before reading mail. */
  tasks: BackgroundTasks;
}

/**
 * Everything one test file needs: its own database, the real app on it, Redis, a movable
 * clock, captured logs, a client, and a signer minting tokens with identity's own active key.
 */
export type IdentityHarness = ServiceHarness<typeof identityTables, IdentityParts>;

export async function createHarness(label: string, options: HarnessOptions = {}): Promise<IdentityHarness> {
  const signingKeys = await loadSigningKeys(
    options.signingJwks ?? [await newSigningJwk(`test-a-${label}`), await newSigningJwk(`test-b-${label}`)],
  );
  const ip = uniqueIp();
  return createServiceHarness({
    label,
    service: 'identity',
    tables: identityTables,
    poolMax: 12,
    requestHeaders: { 'x-forwarded-for': ip },
    // Tokens minted for tests are signed with identity's own active key, so they verify as identity's do.
    signer: (clock) =>
      createTestSigner({
        clock,
        key: { kid: signingKeys.active.kid, privateKey: signingKeys.active.key, jwks: signingKeys.publicJwks },
      }),
    build: ({ sql, db, redis, clock, logs, registry, lifecycle }): IdentityParts => {
      const encryptionKeys = options.encryptionKeys ?? new Map([['k1', randomAesKey()]]);
      const cipher = createFieldCipher({ keys: encryptionKeys, activeKeyId: options.activeEncryptionKeyId ?? 'k1' });
      const passwords = createPasswordHasher(options.argon2 ?? TEST_ARGON2, options.passwordOptions);
      const tasks = createBackgroundTasks(logs.logger);
      const app = createApp({
        db,
        redis,
        clock,
        logger: logs.logger,
        registry,
        lifecycle,
        readiness: [postgresReadiness(sql), redisReadiness(redis)],
        signingKeys,
        cipher,
        passwords,
        serviceClients: [
          {
            clientId: TEST_SERVICE_CLIENT.clientId,
            secretHash: hashClientSecret(TEST_SERVICE_CLIENT.clientSecret),
            scopes: TEST_SERVICE_CLIENT.scopes,
          },
          { clientId: 'storefront', secretHash: hashClientSecret(TEST_STOREFRONT_CLIENT.clientSecret), scopes: [] },
          {
            clientId: TEST_PAYMENTS_CLIENT.clientId,
            secretHash: hashClientSecret(TEST_PAYMENTS_CLIENT.clientSecret),
            scopes: TEST_PAYMENTS_CLIENT.scopes,
          },
        ],
        issuer: 'fruitables-identity',
        audience: 'fruitables',
        trustedProxyHops: 1,
        ...(options.throttlePolicies ? { throttlePolicies: options.throttlePolicies } : {}),
        ...(options.social ? { social: options.social } : {}),
        bodyLimitBytes: 64 * 1024,
        requestTimeoutMs: 10_000,
        mailSender: options.mailSender ?? createRecordingMailSender(),
        publicUrl: TEST_PUBLIC_URL,
        tasks,
        ...(options.mailRequestPolicy ? { mailRequestPolicy: options.mailRequestPolicy } : {}),
        ...(options.sessionAbsoluteLifetimeMs ? { sessionAbsoluteLifetimeMs: options.sessionAbsoluteLifetimeMs } : {}),
      });
      return { app, signingKeys, cipher, passwords, ip, tasks };
    },
    // Background mail work still holds pool connections; let it finish before the database goes.
    beforeClose: ({ tasks }) => tasks.idle(),
  });
}

/** Creates an admin the way `create-admin` does (there is no route for it). */
export async function seedAdmin(
  harness: IdentityHarness,
  password = 'admin-password-123',
): Promise<{ email: string; password: string; id: string }> {
  const email = uniqueEmail('admin');
  const { id } = await createAdminAccount(harness, { email, password, displayName: '운영자' });
  return { email, password, id };
}
