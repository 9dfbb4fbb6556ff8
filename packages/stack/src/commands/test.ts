import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrations } from '@fruitables/migrations';
import { ensureDatabase } from '../database.ts';
import { startInfrastructure, stopInfrastructure } from '../infrastructure.ts';
import { ensureInstalled, requirements } from '../os-packages.ts';
import { repoRoot, stackDir } from '../paths.ts';
import { stopPlatform } from '../platform.ts';
import { pickPort } from '../ports.ts';
import { run } from '../shell.ts';
import { testOnlyContexts } from '../test-contexts.ts';

const TEMPLATE = 'fruitables_template';

/**
 * Every check CI runs, in order of cost: lint, typecheck, then all vitest suites against a
 * private PostgreSQL and Redis that are created for this run and removed after it. The
 * `up` stack's data is never touched.
 */
export async function runTest(args: string[]): Promise<number> {
  // `--vitest-only` is the quick inner loop while developing; CI and the README run everything.
  const vitestOnly = args.includes('--vitest-only');
  const vitestArgs = args.filter((arg) => arg !== '--vitest-only');
  // Chromium (with Korean fonts) for the browser tests and Lighthouse; never a downloaded browser.
  await ensureInstalled([requirements.postgres, requirements.redis, requirements.varnish, requirements.browser]);
  const step = async (title: string, command: string[], env: Record<string, string> = {}): Promise<boolean> => {
    console.log(`\n── ${title}`);
    const result = await run(command, { cwd: repoRoot, env, inherit: true });
    if (result.code !== 0) console.log(`✗ ${title} failed (exit ${result.code})`);
    return result.code === 0;
  };

  if (!vitestOnly) {
    if (!(await step('lint + format (biome)', ['bun', 'x', 'biome', 'check', '.']))) return 1;
    if (!(await step('typecheck (tsc, tests included)', ['bun', 'x', 'tsc', '-p', 'tsconfig.json']))) return 1;
  }

  // One folder per run, so two test runs on one machine (two terminals, two agents) never collide.
  const dir = join(stackDir('test'), String(process.pid));
  // Ctrl-C reaches vitest too and ends it; ignoring the signal here lets `finally` below
  // stop the private PostgreSQL and Redis instead of leaving them running.
  const ignore = () => console.log('\ninterrupted: stopping the test PostgreSQL and Redis');
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  rmSync(dir, { recursive: true, force: true });
  const taken = new Set<number>();
  const infrastructure = await startInfrastructure(
    dir,
    { postgres: await pickPort(25432, taken), redis: await pickPort(26379, taken) },
    'ephemeral',
  );
  try {
    const templateUrl = await ensureDatabase(infrastructure.adminUrl, TEMPLATE, { recreate: true });
    await runMigrations(templateUrl, {}, testOnlyContexts);
    const env = {
      FRUITABLES_TEST_DATABASE_URL: infrastructure.adminUrl,
      FRUITABLES_TEST_TEMPLATE: TEMPLATE,
      FRUITABLES_TEST_REDIS_URL: infrastructure.redisUrl,
      // The browser tests start a whole platform of their own (packages/e2e) in this run's folder.
      FRUITABLES_TEST_RUN_DIR: dir,
    };
    const passed = await step(
      'tests (vitest on Bun, real PostgreSQL and Redis; then the browser tests and Lighthouse)',
      ['bun', '--bun', 'vitest', 'run', '--config', 'packages/stack/vitest.config.ts', ...vitestArgs],
      env,
    );
    return passed ? 0 : 1;
  } finally {
    // Normally the e2e global teardown has stopped it already; this covers a vitest that died.
    await stopPlatform(join(dir, 'platform'));
    await stopInfrastructure(dir);
    rmSync(dir, { recursive: true, force: true });
    process.off('SIGINT', ignore);
    process.off('SIGTERM', ignore);
  }
}
