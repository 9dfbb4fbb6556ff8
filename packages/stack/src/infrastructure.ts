import { join } from 'node:path';
import { postgresUrl, startPostgres, stopPostgres } from './postgres-server.ts';
import { redisUrl, startRedis, stopRedis } from './redis-server.ts';

export interface Infrastructure {
  postgresPort: number;
  redisPort: number;
  /** Superuser URL of the cluster's maintenance database. */
  adminUrl: string;
  redisUrl: string;
}

/** Starts the stack's own PostgreSQL and Redis in `dir`; durable for `up`, fast and throwaway for tests. */
export async function startInfrastructure(
  dir: string,
  ports: { postgres: number; redis: number },
  mode: 'durable' | 'ephemeral',
): Promise<Infrastructure> {
  await startPostgres({ dir: join(dir, 'postgres'), port: ports.postgres, ephemeral: mode === 'ephemeral' });
  await startRedis({ dir: join(dir, 'redis'), port: ports.redis, durable: mode === 'durable' });
  return {
    postgresPort: ports.postgres,
    redisPort: ports.redis,
    adminUrl: postgresUrl(ports.postgres),
    redisUrl: redisUrl(ports.redis),
  };
}

export async function stopInfrastructure(dir: string): Promise<void> {
  await stopRedis(join(dir, 'redis'));
  await stopPostgres(join(dir, 'postgres'));
}
