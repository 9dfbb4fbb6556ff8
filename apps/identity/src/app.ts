import type { RedisClient } from '@fruitables/bus';
import type { Clock } from '@fruitables/core';
import type { FieldCipher } from '@fruitables/core/field-cipher';
import {
  authenticate,
  createServiceApp,
  createStaticKeySource,
  guardInternalRoutes,
  type Lifecycle,
  type Logger,
  type ReadinessCheck,
} from '@fruitables/kit';
import type { MailSender } from '@fruitables/mail';
import type { Registry } from 'prom-client';
import { IDENTITY_AUDIENCE, identityServiceScopes } from './contract/internal-payout-accounts.ts';
import { createAccessTokenIssuer } from './domain/access-tokens.ts';
import { createAccountMailer } from './domain/account-mailer.ts';
import { type BackgroundTasks, createBackgroundTasks } from './domain/background-tasks.ts';
import type { DomainContext, IdentityDb } from './domain/context.ts';
import { createLoginThrottle, type LoginThrottlePolicies } from './domain/login-throttle.ts';
import { createMailRequestThrottle, type MailRequestPolicy } from './domain/mail-request-throttle.ts';
import type { PasswordHasher } from './domain/passwords.ts';
import { createServiceClients, type ServiceClientConfig } from './domain/service-clients.ts';
import { DEFAULT_SESSION_ABSOLUTE_LIFETIME_MS } from './domain/sessions.ts';
import { createSignUpThrottle, type SignUpThrottlePolicy } from './domain/sign-up-throttle.ts';
import type { SigningKeys } from './domain/signing-keys.ts';
import { createSocialProviders, type SocialLoginConfig } from './domain/social-providers.ts';
import type { IdentityApp } from './routes/deps.ts';
import { registerRoutes } from './routes/index.ts';

export interface IdentityDeps {
  db: IdentityDb;
  redis: RedisClient;
  clock: Clock;
  logger: Logger;
  registry: Registry;
  lifecycle: Lifecycle;
  /** What `/readyz` checks: PostgreSQL, Redis and the relay (the runner's list). */
  readiness: readonly ReadinessCheck[];
  signingKeys: SigningKeys;
  cipher: FieldCipher;
  passwords: PasswordHasher;
  serviceClients: readonly ServiceClientConfig[];
  issuer: string;
  audience: string;
  trustedProxyHops: number;
  throttlePolicies?: LoginThrottlePolicies;
  /** Kakao and Naver credentials; absent (or without a provider) means social login is off. */
  social?: SocialLoginConfig;
  bodyLimitBytes: number;
  requestTimeoutMs: number;
  /** Where account mails go (SMTP in production, the local catcher, a recorder in some tests). */
  mailSender: MailSender;
  /** The shop's origin as people reach it; mailed links point at its /account pages. */
  publicUrl: string;
  mailRequestPolicy?: MailRequestPolicy;
  signUpPolicy?: SignUpThrottlePolicy;
  /** A session's absolute end after its login; 30 days by default. */
  sessionAbsoluteLifetimeMs?: number;
  /** Given to share one runner with the caller (tests wait on it); made here otherwise. */
  tasks?: BackgroundTasks;
}

/**
 * The identity service as a Hono app: accounts, sessions and tokens, the JWKS, profiles and
 * address books, farmer applications and the admin decisions on them. `main.ts` serves it;
 * tests call `app.request()` on the same app.
 */
export function createApp(deps: IdentityDeps): IdentityApp {
  const app = createServiceApp({
    name: 'identity',
    version: '1.0.0',
    description:
      'Accounts (shoppers, farmers, admins), sessions and tokens, the signing keys (JWKS), profiles, address books and farmer verification.',
    logger: deps.logger,
    registry: deps.registry,
    lifecycle: deps.lifecycle,
    readiness: deps.readiness,
    bodyLimitBytes: deps.bodyLimitBytes,
    requestTimeoutMs: deps.requestTimeoutMs,
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access token from POST /v1/sessions (people) or POST /v1/oauth/token (services).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'clientBasic', { type: 'http', scheme: 'basic' });

  const ctx: DomainContext = {
    db: deps.db,
    clock: deps.clock,
    redis: deps.redis,
    logger: deps.logger,
    tokens: createAccessTokenIssuer({
      keys: deps.signingKeys,
      issuer: deps.issuer,
      audience: deps.audience,
      clock: deps.clock,
    }),
    passwords: deps.passwords,
    cipher: deps.cipher,
    throttle: createLoginThrottle({
      redis: deps.redis,
      clock: deps.clock,
      ...(deps.throttlePolicies ? { policies: deps.throttlePolicies } : {}),
    }),
    mfaThrottle: createLoginThrottle({
      redis: deps.redis,
      clock: deps.clock,
      keyPrefix: 'identity:mfa-throttle',
      ...(deps.throttlePolicies ? { policies: deps.throttlePolicies } : {}),
    }),
    signUpThrottle: createSignUpThrottle({
      redis: deps.redis,
      clock: deps.clock,
      ...(deps.signUpPolicy ? { policy: deps.signUpPolicy } : {}),
    }),
    serviceClients: createServiceClients(deps.serviceClients),
    mail: createAccountMailer({ sender: deps.mailSender, publicUrl: deps.publicUrl }),
    mailThrottle: createMailRequestThrottle({
      redis: deps.redis,
      clock: deps.clock,
      ...(deps.mailRequestPolicy ? { policy: deps.mailRequestPolicy } : {}),
    }),
    tasks: deps.tasks ?? createBackgroundTasks(deps.logger),
    sessionPolicy: { absoluteLifetimeMs: deps.sessionAbsoluteLifetimeMs ?? DEFAULT_SESSION_ABSOLUTE_LIFETIME_MS },
  };
  // identity verifies its own tokens with its own public keys: no JWKS round trip to itself.
  const authOptions = {
    keys: createStaticKeySource(deps.signingKeys.publicJwks),
    redis: deps.redis,
    issuer: deps.issuer,
    audience: deps.audience,
    clock: deps.clock,
  };
  // Before any route: /internal routes want a service token minted for identity with the
  // scope each declares (payments' payout accounts), or nobody gets in.
  guardInternalRoutes(app, {
    authenticate: authenticate({ ...authOptions, audience: [deps.audience, IDENTITY_AUDIENCE] }),
    audience: IDENTITY_AUDIENCE,
    scopes: identityServiceScopes,
  });
  registerRoutes(app, {
    ctx,
    signedIn: authenticate(authOptions),
    maybeSignedIn: authenticate({ ...authOptions, optional: true }),
    publicJwks: deps.signingKeys.publicJwks,
    trustedProxyHops: deps.trustedProxyHops,
    social: createSocialProviders(deps.social),
  });
  return app;
}
