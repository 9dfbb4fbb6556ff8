import { runService } from '@fruitables/kit';
import { createSmtpMailSender } from '@fruitables/mail';
import { identityTables, outbox } from '@fruitables/schema-identity';
import { createApp } from './app.ts';
import { createCatalogEventsConsumer } from './catalog-events.ts';
import { identityProducer } from './domain/events.ts';
import { createFieldCipher } from './domain/field-cipher.ts';
import { createPasswordHasher } from './domain/passwords.ts';
import { loadSigningKeys } from './domain/signing-keys.ts';
import { type IdentityEnv, identityEnvShape, socialLoginConfigFrom } from './env.ts';
import { checkKeySettings } from './env-keys.ts';

/** Rules across variables (a provider needs its id, secret and the callback base) come after the parsing. */
function identityConfig(env: IdentityEnv) {
  checkKeySettings(env);
  return { social: socialLoginConfigFrom(env) };
}

await runService(
  {
    name: 'identity',
    env: identityEnvShape,
    config: identityConfig,
    tables: identityTables,
    producer: { stream: identityProducer.stream, outbox },
    async build({ env, config: { social }, auth, http, ...platform }) {
      const { db, redis, clock, logger, registry, lifecycle, readiness, busMetrics, consumerName } = platform;
      const mailSender = createSmtpMailSender({ url: env.IDENTITY_SMTP_URL, from: env.IDENTITY_MAIL_FROM });
      const app = createApp({
        db,
        redis,
        clock,
        logger,
        registry,
        lifecycle,
        readiness,
        ...auth,
        ...http,
        signingKeys: await loadSigningKeys(env.IDENTITY_SIGNING_KEYS),
        cipher: createFieldCipher({
          keys: new Map(Object.entries(env.IDENTITY_ENCRYPTION_KEYS)),
          activeKeyId: env.IDENTITY_ENCRYPTION_KEY_ID,
        }),
        passwords: createPasswordHasher({
          memoryCost: env.IDENTITY_ARGON2_MEMORY_KIB,
          timeCost: env.IDENTITY_ARGON2_TIME_COST,
        }),
        serviceClients: env.IDENTITY_SERVICE_CLIENTS,
        trustedProxyHops: env.IDENTITY_TRUSTED_PROXY_HOPS,
        ...(social ? { social } : {}),
        mailSender,
        publicUrl: env.IDENTITY_PUBLIC_URL,
        sessionAbsoluteLifetimeMs: env.IDENTITY_SESSION_MAX_AGE_DAYS * 24 * 60 * 60_000,
      });
      const catalogEvents = createCatalogEventsConsumer({
        redis: platform.redisConnection,
        db,
        logger,
        metrics: busMetrics,
        consumerName,
      });
      return { app, consumers: { 'catalog-events consumer': catalogEvents } };
    },
  },
  process.env,
);
