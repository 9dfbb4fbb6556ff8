import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { postgresUrl, startPostgres, stopPostgres } from './postgres-server.ts';
import { redisUrl, startRedis, stopRedis } from './redis-server.ts';
import { adminRedisCredentials, adminRedisUrl, writeLocalAclFile } from './redis-users.ts';

export interface Infrastructure {
  postgresPort: number;
  redisPort: number;
  /** Superuser URL of the cluster's maintenance database. */
  adminUrl: string;
  /** Full rights: the default user, or with Redis users the admin. */
  redisUrl: string;
}

export interface InfrastructureOptions {
  /**
   * One Redis user per service (redis-acl.ts), passwords kept under `dir`/secrets: for
   * stacks that run the services (`up`, the e2e platform). The test command's Redis keeps
   * the default user for the unit tests.
   */
  redisUsers?: boolean;
}

/** Starts the stack's own PostgreSQL and Redis in `dir`; durable for `up`, fast and throwaway for tests. */
export async function startInfrastructure(
  dir: string,
  ports: { postgres: number; redis: number },
  mode: 'durable' | 'ephemeral',
  options: InfrastructureOptions = {},
): Promise<Infrastructure> {
  await startPostgres({ dir: join(dir, 'postgres'), port: ports.postgres, ephemeral: mode === 'ephemeral' });
  const redisDir = join(dir, 'redis');
  let acl: { file: string; admin: { user: string; password: string } } | undefined;
  if (options.redisUsers) {
    mkdirSync(redisDir, { recursive: true });
    acl = { file: join(redisDir, 'users.acl'), admin: adminRedisCredentials(dir) };
    writeLocalAclFile(dir, acl.file);
  }
  await startRedis({ dir: redisDir, port: ports.redis, durable: mode === 'durable', acl });
  return {
    postgresPort: ports.postgres,
    redisPort: ports.redis,
    adminUrl: postgresUrl(ports.postgres),
    redisUrl: options.redisUsers ? adminRedisUrl(dir, ports.redis) : redisUrl(ports.redis),
  };
}

export async function stopInfrastructure(dir: string): Promise<void> {
  await stopRedis(join(dir, 'redis'));
  await stopPostgres(join(dir, 'postgres'));
}
