import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, run, sleep, waitFor } from './shell.ts';

export interface RedisServerOptions {
  dir: string;
  port: number;
  /** Keep an append-only file, as production does; tests skip it for speed. */
  durable: boolean;
}

export const redisUrl = (port: number): string => `redis://127.0.0.1:${port}`;

function redisPid(dir: string): number | null {
  const file = join(dir, 'redis.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && isAlive(pid) ? pid : null;
}

/**
 * Starts a project-local Redis with the production policy that matters for a stream bus:
 * `noeviction`, so memory pressure fails writes loudly instead of silently dropping events.
 */
export async function startRedis(options: RedisServerOptions): Promise<void> {
  mkdirSync(options.dir, { recursive: true });
  if (redisPid(options.dir) !== null) return;
  await run(
    [
      'redis-server',
      '--port',
      String(options.port),
      '--bind',
      '127.0.0.1',
      '--dir',
      options.dir,
      '--daemonize',
      'yes',
      '--pidfile',
      join(options.dir, 'redis.pid'),
      '--logfile',
      join(options.dir, 'redis.log'),
      '--save',
      '',
      '--appendonly',
      options.durable ? 'yes' : 'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { check: true },
  );
  await waitFor(`redis on port ${options.port}`, async () => {
    const ping = await run(['redis-cli', '-p', String(options.port), 'ping']);
    return ping.stdout.trim() === 'PONG';
  });
}

export async function stopRedis(dir: string): Promise<void> {
  const pid = redisPid(dir);
  if (pid === null) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
}
