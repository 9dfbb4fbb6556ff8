import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, run, sleep, waitFor } from './shell.ts';

export interface RedisServerOptions {
  dir: string;
  port: number;
  /** Keep an append-only file, as production does; tests skip it for speed. */
  durable: boolean;
  /**
   * Users and their rights (redis-acl.ts): the file Redis loads, and the admin who reloads
   * it into a Redis that already runs. Without it, the default user may do everything
   * (the test command's Redis, shared by every unit test).
   */
  acl?: { file: string; admin: { user: string; password: string } };
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
  if (redisPid(options.dir) !== null) {
    if (options.acl) await reloadAcl(options.port, options.acl);
    return;
  }
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
      ...(options.acl ? ['--aclfile', options.acl.file] : []),
    ],
    { check: true },
  );
  // With ACLs, `default` may still PING without a password (see redis-acl.ts).
  await waitFor(`redis on port ${options.port}`, async () => {
    const ping = await run(['redis-cli', '-p', String(options.port), 'ping']);
    return ping.stdout.trim() === 'PONG';
  });
}

/** A running Redis picks up changed rules (a service added, say) without a restart. */
async function reloadAcl(port: number, acl: NonNullable<RedisServerOptions['acl']>): Promise<void> {
  const reload = await run(['redis-cli', '-p', String(port), '--user', acl.admin.user, 'ACL', 'LOAD'], {
    env: { REDISCLI_AUTH: acl.admin.password },
  });
  if (reload.code !== 0 || reload.stdout.trim() !== 'OK') {
    throw new Error(
      `the running Redis on port ${port} did not load ${acl.file} (${(reload.stdout + reload.stderr).trim()}); it was probably started before Redis users existed: run ./fruitables down, then up again`,
    );
  }
}

export async function stopRedis(dir: string): Promise<void> {
  const pid = redisPid(dir);
  if (pid === null) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
}
