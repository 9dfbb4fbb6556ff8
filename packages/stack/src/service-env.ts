import { join } from 'node:path';
import { serviceRoleName, withUser } from '@fruitables/db';
import { catcherSmtpUrl } from '@fruitables/mail/catcher';
import { edgePurgeSecret } from './edge-secret.ts';
import { postgresUrl } from './postgres-server.ts';
import { serviceRedisUrl } from './redis-users.ts';
import { devEnvFor, devServiceCredentialsOf, discoverServices, type ServiceApp } from './services.ts';
import { standInUrl } from './stand-ins.ts';
import type { StackState } from './state.ts';

/** The database every service of the local stack shares (each in its own schema, as its own role). */
export const STACK_DATABASE = 'fruitables';

/** The service that issues service tokens; it never gets client credentials of its own. */
const IDENTITY = 'identity';

const secretsDirOf = (stackDir: string, service: string): string => join(stackDir, 'secrets', service);

const localUrl = (state: StackState, caller: string, name: string): string => {
  const port = state.ports.services[name];
  if (port === undefined) throw new Error(`${caller} needs ${name}, which is not in this checkout`);
  return `http://127.0.0.1:${port}`;
};

/**
 * A service's client credentials at the local identity (the kit's serviceClientEnvShape):
 * its name as client id, the secret identity's dev-env made for it, and identity itself
 * (not the edge, which never routes the token endpoint). Only a service identity made
 * credentials for gets them (DEV_SERVICE_CLIENTS in apps/identity/src/dev-env.ts).
 */
async function serviceClientEnv(
  stackDir: string,
  state: StackState,
  service: ServiceApp,
  services: ServiceApp[],
): Promise<Record<string, string>> {
  const identity = services.find((candidate) => candidate.name === IDENTITY);
  if (!identity || service.name === IDENTITY) return {};
  const credentials = await devServiceCredentialsOf(identity, secretsDirOf(stackDir, IDENTITY));
  const own = credentials.find((candidate) => candidate.clientId === service.name);
  if (!own) return {};
  return {
    SERVICE_CLIENT_ID: own.clientId,
    SERVICE_CLIENT_SECRET: own.clientSecret,
    IDENTITY_URL: localUrl(state, service.name, IDENTITY),
  };
}

/**
 * The environment a service runs with in the local stack: its ports, its own database role,
 * Redis, its client credentials, and its local secrets (made once, kept under the stack
 * folder). `up`, its seed step, the e2e platform and the admin command all use this one
 * function, so they always agree. `services` is the checkout's unless a test says otherwise.
 */
export async function serviceEnv(
  stackDir: string,
  state: StackState,
  service: ServiceApp,
  services: ServiceApp[] = discoverServices(),
): Promise<Record<string, string>> {
  const port = state.ports.services[service.name];
  const metricsPort = state.ports.metrics?.[service.name];
  if (port === undefined || metricsPort === undefined) {
    throw new Error(`no port recorded for ${service.name}: run ./fruitables up first`);
  }
  return {
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    DATABASE_URL: withUser(postgresUrl(state.ports.postgres, STACK_DATABASE), serviceRoleName(service.name)),
    // The service's own Redis user (redis-acl.ts): only its streams and keys.
    REDIS_URL: serviceRedisUrl(stackDir, state.ports.redis, service.name),
    LOG_LEVEL: 'info',
    ...(await serviceClientEnv(stackDir, state, service, services)),
    ...(await devEnvFor(service, secretsDirOf(stackDir, service.name), {
      serviceUrl: (name) => localUrl(state, service.name, name),
      standInUrl: (name) => standInUrl(state, name),
      edgeUrl: () => `http://127.0.0.1:${state.ports.edge}`,
      edgePurgeSecret: () => edgePurgeSecret(stackDir),
      smtpUrl: () => {
        if (!state.ports.mail) throw new Error('no mail catcher port recorded: run ./fruitables up first');
        return catcherSmtpUrl(state.ports.mail);
      },
    })),
  };
}
