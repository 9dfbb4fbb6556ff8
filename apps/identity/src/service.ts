import { createFieldCipher } from '@fruitables/core/field-cipher';
import { defineService } from '@fruitables/kit';
import { createSmtpMailSender } from '@fruitables/mail';
import { identityTables, outbox } from '@fruitables/schema-identity';
import { createApp } from './app.ts';
import { createCatalogEventsConsumer } from './catalog-events.ts';
import { argon2LimitsFor } from './domain/argon2-capacity.ts';
import { createBackgroundTasks } from './domain/background-tasks.ts';
import { identityProducer } from './domain/events.ts';
import { createPasswordHasher } from './domain/passwords.ts';
import { defaultSignUpThrottlePolicy } from './domain/sign-up-throttle.ts';
import { loadSigningKeys } from './domain/signing-keys.ts';
import { type IdentityEnv, identityEnvShape, socialLoginConfigFrom } from './env.ts';
import { checkKeySettings } from './env-keys.ts';

/** Rules across variables (a provider needs its id, secret and the callback base) come after the parsing. */
function identityConfig(env: IdentityEnv) {
  checkKeySettings(env);
  return { social: socialLoginConfigFrom(env) };
}

/** identity as the runner starts it: its settings, its tables, and how its parts are built. */
export const identityService = defineService({
  name: 'identity',
  env: identityEnvShape,
  config: identityConfig,
  tables: identityTables,
  producer: { stream: identityProducer.stream, outbox },
  async build({ env, config: { social }, auth, http, ...platform }) {
    const { db, redis, clock, logger, registry, lifecycle, readiness, busMetrics, consumerName } = platform;
    const mailSender = createSmtpMailSender({ url: env.IDENTITY_SMTP_URL, from: env.IDENTITY_MAIL_FROM });
    // Mails go out after the answer; shutdown waits for them (a job), so none is cut off mid-send.
    const tasks = createBackgroundTasks(logger);
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
      trustedProxyHops: env.IDENTITY_TRUSTED_PROXY_HOPS,
      ...(social ? { social } : {}),
      mailSender,
      tasks,
      publicUrl: env.IDENTITY_PUBLIC_URL,
      signUpPolicy: { ...defaultSignUpThrottlePolicy, maxSignUps: env.IDENTITY_SIGN_UPS_PER_ADDRESS },
      sessionAbsoluteLifetimeMs: env.IDENTITY_SESSION_MAX_AGE_DAYS * 24 * 60 * 60_000,
    });
    const catalogEvents = createCatalogEventsConsumer({
      redis: platform.redisConnection,
      db,
      logger,
      metrics: busMetrics,
      consumerName,
    });
    return {
      app,
      consumers: { 'catalog-events consumer': catalogEvents },
      jobs: { 'account mails': { drain: () => tasks.idle() } },
    };
  },
});
