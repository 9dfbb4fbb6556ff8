import type { RedisClient } from '@fruitables/bus';
import { createServiceTestbed } from '@fruitables/bus/testing';
import { createTestClock, type TestClock } from '@fruitables/core/testing';
import { type Postgres, postgresReadiness } from '@fruitables/db';
import type { TestDatabase } from '@fruitables/db/testing';
import { createLifecycle, createMetricsRegistry, redisReadiness } from '@fruitables/kit';
import { type CapturedLogger, captureLogger } from '@fruitables/kit/testing';
import { createRecordingMailSender, type MailSender } from '@fruitables/mail';
import { identityTables } from '@fruitables/schema-identity';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type postgres from 'postgres';
import { createApp } from '../app.ts';
import { createAdminAccount } from '../domain/accounts.ts';
import { type BackgroundTasks, createBackgroundTasks } from '../domain/background-tasks.ts';
import type { IdentityDb } from '../domain/context.ts';
import { createFieldCipher, type FieldCipher } from '../domain/field-cipher.ts';
import type { LoginThrottlePolicies } from '../domain/login-throttle.ts';
import type { MailRequestPolicy } from '../domain/mail-request-throttle.ts';
import { type Argon2Params, createPasswordHasher, type PasswordHasher } from '../domain/passwords.ts';
import { loadSigningKeys, type SigningKeys } from '../domain/signing-keys.ts';
import type { SocialLoginConfig } from '../domain/social-providers.ts';
import type { IdentityApp } from '../routes/deps.ts';

export { createTestClock, type TestClock };

/** Cheap argon2id for tests (still argon2id, still explicit); production defaults are far costlier. */
export const TEST_ARGON2: Argon2Params = { memoryCost: 8192, timeCost: 1 };

export const TEST_SERVICE_CLIENT = { clientId: 'orders', clientSecret: 'orders-test-secret-0123456789abcdef' };

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

/** Everything one test file needs: its own database, the real app on it, Redis, a movable clock and captured logs. */
export interface IdentityHarness {
  app: IdentityApp;
  database: TestDatabase;
  sql: Postgres;
  db: IdentityDb;
  /** The database owner, for raw SQL checks the service role could also make. */
  owner: postgres.Sql;
  redis: RedisClient;
  clock: TestClock;
  logs: CapturedLogger;
  signingKeys: SigningKeys;
  cipher: FieldCipher;
  passwords: PasswordHasher;
  /** This harness's default client address (sent as X-Forwarded-For). */
  ip: string;
  /** The app's background work (mail lookups and sends); `await tasks.idle()` before reading mail. */
  tasks: BackgroundTasks;
  close(): Promise<void>;
}

export async function createHarness(label: string, options: HarnessOptions = {}): Promise<IdentityHarness> {
  const testbed = await createServiceTestbed({ label, context: 'identity', tables: identityTables, poolMax: 12 });
  const { sql, db, redis } = testbed;
  const clock = createTestClock();
  const logs = captureLogger('identity');
  const signingKeys = await loadSigningKeys(
    options.signingJwks ?? [await newSigningJwk(`test-a-${label}`), await newSigningJwk(`test-b-${label}`)],
  );
  const encryptionKeys = options.encryptionKeys ?? new Map([['k1', randomAesKey()]]);
  const cipher = createFieldCipher({ keys: encryptionKeys, activeKeyId: options.activeEncryptionKeyId ?? 'k1' });
  const passwords = createPasswordHasher(options.argon2 ?? TEST_ARGON2);
  const tasks = createBackgroundTasks(logs.logger);
  const app = createApp({
    db,
    redis,
    clock,
    logger: logs.logger,
    registry: createMetricsRegistry('identity'),
    lifecycle: createLifecycle(),
    readiness: [postgresReadiness(sql), redisReadiness(redis)],
    signingKeys,
    cipher,
    passwords,
    serviceClients: [
      {
        clientId: TEST_SERVICE_CLIENT.clientId,
        secretHash: await Bun.password.hash(TEST_SERVICE_CLIENT.clientSecret, {
          algorithm: 'argon2id',
          ...TEST_ARGON2,
        }),
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
  return {
    ...testbed,
    app,
    clock,
    logs,
    signingKeys,
    cipher,
    passwords,
    tasks,
    ip: uniqueIp(),
    async close() {
      // Background mail work still holds pool connections; let it finish before the database goes.
      await tasks.idle();
      await testbed.close();
    },
  };
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
