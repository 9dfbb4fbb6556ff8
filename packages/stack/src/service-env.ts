import { join } from 'node:path';
import { serviceRoleName, withUser } from '@fruitables/db';
import { catcherSmtpUrl } from '@fruitables/mail/catcher';
import { edgePurgeSecret } from './edge-secret.ts';
import { postgresUrl } from './postgres-server.ts';
import { serviceRedisUrl } from './redis-users.ts';
import { devEnvFor, type ServiceApp } from './services.ts';
import type { StackState } from './state.ts';

/** The database every service of the local stack shares (each in its own schema, as its own role). */
export const STACK_DATABASE = 'fruitables';

/**
 * The environment a service runs with in the local stack: its ports, its own database role,
 * Redis, and its local secrets (made once, kept under the stack folder). `up`, its seed
 * step and the admin command all use this one function, so they always agree.
 */
export async function serviceEnv(
  stackDir: string,
  state: StackState,
  service: ServiceApp,
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
    ...(await devEnvFor(service, join(stackDir, 'secrets', service.name), {
      serviceUrl: (name) => {
        const other = state.ports.services[name];
        if (other === undefined) throw new Error(`${service.name} needs ${name}, which is not in this checkout`);
        return `http://127.0.0.1:${other}`;
      },
      edgeUrl: () => `http://127.0.0.1:${state.ports.edge}`,
      edgePurgeSecret: () => edgePurgeSecret(stackDir),
      smtpUrl: () => {
        if (!state.ports.mail) throw new Error('no mail catcher port recorded: run ./fruitables up first');
        return catcherSmtpUrl(state.ports.mail);
      },
    })),
  };
}
