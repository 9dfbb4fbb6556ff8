import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgePid } from './edge.ts';
import { repoRoot } from './paths.ts';
import { discoverServices } from './services.ts';
import { isAlive, run, waitFor } from './shell.ts';
import type { StackState } from './state.ts';

/** Where a Unix socket in the clone's data folder would have gone; the kernel allows 107 bytes. */
const SOCKET_PATH_LIMIT = 107;
const MIN_CLONE_PATH = 150;
const isGitCheckout = existsSync(join(repoRoot, '.git'));

/** A folder under the test's temp dir whose absolute path is at least `length` characters. */
function deepFolder(base: string, length: number): string {
  let path = base;
  for (let depth = 0; path.length < length; depth++) path = join(path, `team-checkouts-${depth}-fruit-platform`);
  return join(path, 'fruitables');
}

/**
 * Issue 10: a clone at a deep path (a CI workspace, nested checkouts) must start. This runs
 * the real `./fruitables up --detach` from such a clone — PostgreSQL, Redis, migrations,
 * demo data, every service and the edge — checks every service is ready through the edge,
 * and stops it with `./fruitables down`. It clones the committed HEAD, so uncommitted
 * changes are not what it tests. The whole `up` takes ~20 s on an idle machine and has
 * minutes here because it shares two cores with the rest of the suite.
 */
describe.skipIf(!isGitCheckout)('a clone at a path longer than a Unix socket path allows', () => {
  const base = mkdtempSync(join(tmpdir(), 'fruitables-deep-'));
  const clone = deepFolder(base, MIN_CLONE_PATH);
  const upDir = join(clone, '.fruitables/up');
  const fruitables = join(clone, 'fruitables');
  let edgeUrl = '';
  let upOutput = '';

  beforeAll(async () => {
    // When we are root, PostgreSQL runs as `postgres`, which must be able to walk down to
    // its data folder; mkdtemp makes the base 0700.
    chmodSync(base, 0o755);
    mkdirSync(dirname(clone), { recursive: true, mode: 0o755 });
    await run(['git', 'clone', '--quiet', repoRoot, clone], { check: true });
    // The pinned Bun of this checkout, so the clone downloads nothing; dependencies come
    // from Bun's (warm) cache.
    mkdirSync(join(clone, '.fruitables'), { recursive: true });
    linkBun(join(clone, '.fruitables/bun'));
    await run([join(clone, '.fruitables/bun/node_modules/.bin/bun'), 'install', '--frozen-lockfile'], {
      cwd: clone,
      check: true,
    });
    const up = await run([fruitables, 'up', '--detach'], { cwd: clone });
    upOutput = `${up.stdout}\n${up.stderr}`;
    if (up.code !== 0) throw new Error(`./fruitables up --detach failed (${up.code}) in ${clone}:\n${upOutput}`);
    edgeUrl = up.stdout.trim().split('\n').at(-1) ?? '';
  }, 360_000);

  afterAll(async () => {
    // Also after a failed assertion or start: nothing this test started may outlive it.
    if (existsSync(fruitables)) await run([fruitables, 'down'], { cwd: clone });
    rmSync(base, { recursive: true, force: true });
  }, 120_000);

  it('is deep enough that a socket in its data folder would not fit', () => {
    expect(clone.length).toBeGreaterThanOrEqual(MIN_CLONE_PATH);
    expect(join(upDir, 'postgres/data/.s.PGSQL.15432').length).toBeGreaterThan(SOCKET_PATH_LIMIT);
  });

  it('starts every service, each ready through the edge, and stops them all with down', async () => {
    expect(edgeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const services = discoverServices().map((service) => service.name);
    expect(services.length).toBeGreaterThan(0);
    for (const name of services) {
      const ready = await fetch(`${edgeUrl}/api/${name}/readyz`);
      expect({ name, status: ready.status }).toEqual({ name, status: 200 });
    }

    const state = JSON.parse(readFileSync(join(upDir, 'state.json'), 'utf8')) as StackState;
    const pids: Record<string, number | null> = {
      ...state.pids.services,
      edge: edgePid(join(upDir, 'edge')),
      redis: pidFrom(join(upDir, 'redis/redis.pid')),
      postgres: pidFrom(join(upDir, 'postgres/data/postmaster.pid')),
    };
    expect(Object.entries(pids).filter(([, pid]) => pid === null || !isAlive(pid))).toEqual([]);

    const down = await run([fruitables, 'down'], { cwd: clone });
    expect(down.code).toBe(0);
    const running = () => Object.entries(pids).filter(([, pid]) => pid !== null && isAlive(pid));
    // A process that was just signalled may take a moment to be reaped.
    await waitFor('every process of the clone to exit', async () => running().length === 0, 10_000).catch(() => {});
    expect(running()).toEqual([]);
  }, 180_000);
});

/** The first line of a pid file (postmaster.pid has more lines after it), or null. */
function pidFrom(file: string): number | null {
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Points the clone at this checkout's pinned Bun, or at the Bun running this test. */
function linkBun(target: string): void {
  const ours = join(repoRoot, '.fruitables/bun');
  if (existsSync(ours)) {
    symlinkSync(ours, target);
    return;
  }
  mkdirSync(join(target, 'node_modules/.bin'), { recursive: true });
  symlinkSync(process.execPath, join(target, 'node_modules/.bin/bun'));
}
