import { createBusMetrics, createOutboxRelay, openRedis } from '@fruitables/bus';
import { systemClock } from '@fruitables/core';
import { createDrizzle, createPostgres } from '@fruitables/db';
import {
  createLifecycle,
  createLogger,
  createMetricsRegistry,
  exitOnEnvError,
  parseEnv,
  serveApp,
  serviceEnvShape,
} from '@fruitables/kit';
import { identityTables, outbox } from '@fruitables/schema-identity';
import { createApp } from './app.ts';
import { argon2LimitsFor } from './domain/argon2-capacity.ts';
import { identityProducer } from './domain/events.ts';
import { createFieldCipher } from './domain/field-cipher.ts';
import { createPasswordHasher } from './domain/passwords.ts';
import { loadSigningKeys } from './domain/signing-keys.ts';
import { identityEnvShape, socialLoginConfigFrom } from './env.ts';
import { checkKeySettings } from './env-keys.ts';

const { env, social } = exitOnEnvError('identity', () => {
  const parsed = parseEnv({ ...serviceEnvShape, ...identityEnvShape }, process.env);
  // Rules across variables (a provider needs its id, secret and the callback base) come second.
  checkKeySettings(parsed);
  return { env: parsed, social: socialLoginConfigFrom(parsed) };
});
const logger = createLogger({ service: 'identity', level: env.LOG_LEVEL });
const registry = createMetricsRegistry('identity');
const lifecycle = createLifecycle();

// DATABASE_URL logs in as the fruitables_identity role, which can reach the identity schema only.
const sql = createPostgres(env.DATABASE_URL, { applicationName: 'identity', max: env.IDENTITY_DB_POOL_MAX });
const db = createDrizzle(sql, identityTables);
const redis = await openRedis({ url: env.REDIS_URL }, (error) =>
  logger.error({ err: error }, 'redis connection error'),
);

const app = createApp({
  sql,
  db,
  redis,
  clock: systemClock,
  logger,
  registry,
  lifecycle,
  signingKeys: await loadSigningKeys(env.IDENTITY_SIGNING_KEYS),
  cipher: createFieldCipher({
    keys: new Map(Object.entries(env.IDENTITY_ENCRYPTION_KEYS)),
    activeKeyId: env.IDENTITY_ENCRYPTION_KEY_ID,
  }),
  passwords: createPasswordHasher(
    { memoryCost: env.IDENTITY_ARGON2_MEMORY_KIB, timeCost: env.IDENTITY_ARGON2_TIME_COST },
    {
      limits: argon2LimitsFor({
        memoryLimitMib: env.IDENTITY_MEMORY_LIMIT_MIB,
        baselineMib: env.IDENTITY_MEMORY_BASELINE_MIB,
        memoryCostKib: env.IDENTITY_ARGON2_MEMORY_KIB,
        maxConcurrent: env.IDENTITY_ARGON2_MAX_CONCURRENT,
        maxQueued: env.IDENTITY_ARGON2_MAX_QUEUED,
      }),
    },
  ),
  serviceClients: env.IDENTITY_SERVICE_CLIENTS,
  issuer: env.IDENTITY_ISSUER,
  audience: env.IDENTITY_AUDIENCE,
  trustedProxyHops: env.IDENTITY_TRUSTED_PROXY_HOPS,
  ...(social ? { social } : {}),
  bodyLimitBytes: env.BODY_LIMIT_BYTES,
  requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
});

const relay = createOutboxRelay({
  sql,
  db,
  outbox,
  redis,
  stream: identityProducer.stream,
  logger,
  metrics: createBusMetrics(registry),
});
await relay.start();

// Run in this order after the HTTP server has drained: stop sending events, then close connections.
lifecycle.onShutdown('outbox relay', () => relay.stop());
lifecycle.onShutdown('redis', async () => {
  await redis.close();
});
lifecycle.onShutdown('postgres', () => sql.end({ timeout: 5 }));

serveApp({ fetch: app.fetch, port: env.PORT, logger, lifecycle, shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS });
