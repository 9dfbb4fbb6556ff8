import type { RedisClient } from '@fruitables/bus';
import type { Clock } from '@fruitables/core';
import type { FieldCipher } from '@fruitables/core/field-cipher';
import type { Executor } from '@fruitables/db';
import type { identityTables } from '@fruitables/schema-identity';
import type { Logger } from 'pino';
import type { AccessTokenIssuer } from './access-tokens.ts';
import type { AccountMailer } from './account-mailer.ts';
import type { BackgroundTasks } from './background-tasks.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { MailRequestThrottle } from './mail-request-throttle.ts';
import type { PasswordHasher } from './passwords.ts';
import type { ServiceClients } from './service-clients.ts';
import type { SignUpThrottle } from './sign-up-throttle.ts';

export type IdentityDb = Executor<typeof identityTables>;

/**
 * Everything the identity domain works with, built once by `createApp`. Each domain
 * function takes only the slice it uses (`Pick<DomainContext, ...>`), so its signature says
 * what it touches and a test can hand it exactly that. `db` may be the pool or an open
 * transaction: functions that write compose into the caller's transaction.
 */
export interface DomainContext {
  db: IdentityDb;
  clock: Clock;
  redis: RedisClient;
  logger: Logger;
  tokens: AccessTokenIssuer;
  passwords: PasswordHasher;
  cipher: FieldCipher;
  throttle: LoginThrottle;
  /** Counts wrong second-factor codes per admin account (and address), like `throttle` counts passwords. */
  mfaThrottle: LoginThrottle;
  signUpThrottle: SignUpThrottle;
  serviceClients: ServiceClients;
  /** Verification, reset and "already registered" mails. */
  mail: AccountMailer;
  mailThrottle: MailRequestThrottle;
  /** Work started by a request and finished after its answer (mail lookups and sends). */
  tasks: BackgroundTasks;
  sessionPolicy: SessionPolicy;
}

export interface SessionPolicy {
  /** A session (refresh token family) ends this long after its login, however often it is refreshed. */
  absoluteLifetimeMs: number;
}
