import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPostgresBin } from './os-packages.ts';
import { asPostgresUser, isRoot, run } from './shell.ts';

export interface PostgresServerOptions {
  dir: string;
  port: number;
  /** Trade durability for speed: only for throwaway test data. */
  ephemeral?: boolean;
}

/** The superuser our own cluster is created with; it owns the database and runs migrations. */
export const SUPERUSER = 'fruitables';

export const postgresUrl = (port: number, database = 'postgres', user = SUPERUSER): string =>
  `postgres://${user}@127.0.0.1:${port}/${database}`;

function postgresUid(): { uid: number; gid: number } | null {
  if (!isRoot) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined)
    throw new Error('running as root needs the `postgres` OS user (installed with PostgreSQL)');
  return { uid: Number(uid), gid: Number(gid) };
}

function bin(name: string): string {
  const dir = findPostgresBin();
  if (!dir) throw new Error('PostgreSQL 15+ is not installed');
  return join(dir, name);
}

/**
 * Starts (creating on first use) a project-local cluster in `dir`, listening on 127.0.0.1
 * only (TCP, no Unix socket), with trust auth for local users. As root, the cluster belongs to the `postgres` OS
 * user because PostgreSQL will not run as root. Starting a running cluster is a no-op.
 */
export async function startPostgres(options: PostgresServerOptions): Promise<void> {
  const dataDir = join(options.dir, 'data');
  const owner = postgresUid();
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true });
    if (owner) chownSync(options.dir, owner.uid, owner.gid);
    if (owner) chownSync(dataDir, owner.uid, owner.gid);
    chmodSync(dataDir, 0o700);
    await run(
      asPostgresUser([bin('initdb'), '-D', dataDir, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']),
      { check: true },
    );
  }
  if (await isPostgresRunning(options.dir)) return;
  const settings = [
    `-p ${options.port}`,
    '-c listen_addresses=127.0.0.1',
    // TCP only, no Unix socket: a socket path may not exceed 107 bytes, so a socket in the
    // data folder broke every clone at a deep path (a CI workspace, say). Nothing here
    // needs one: pg_ctl -w waits on postmaster.pid, and every client uses 127.0.0.1.
    "-c unix_socket_directories=''",
    '-c max_connections=300',
    '-c shared_buffers=256MB',
    ...(options.ephemeral ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ];
  await run(
    asPostgresUser([
      bin('pg_ctl'),
      '-D',
      dataDir,
      '-l',
      join(options.dir, 'postgres.log'),
      '-o',
      settings.join(' '),
      '-w',
      '-t',
      '60',
      'start',
    ]),
    { check: true },
  );
}

export async function isPostgresRunning(dir: string): Promise<boolean> {
  const dataDir = join(dir, 'data');
  if (!existsSync(join(dataDir, 'PG_VERSION'))) return false;
  const status = await run(asPostgresUser([bin('pg_ctl'), '-D', dataDir, 'status']));
  return status.code === 0;
}

export async function stopPostgres(dir: string): Promise<void> {
  if (!(await isPostgresRunning(dir))) return;
  await run(asPostgresUser([bin('pg_ctl'), '-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']), { check: true });
}
