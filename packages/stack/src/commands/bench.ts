import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchPlatform, runBenchmarks } from '@fruitables/bench';
import { runMigrations } from '@fruitables/migrations';
import { ensureDatabase } from '../database.ts';
import { startInfrastructure, stopInfrastructure } from '../infrastructure.ts';
import { ensureInstalled, requirements } from '../os-packages.ts';
import { repoRoot, stackDir } from '../paths.ts';
import { startPlatform, stopPlatform } from '../platform.ts';
import { pickPort } from '../ports.ts';
import { devEnvFor, discoverServices } from '../services.ts';
import { testOnlyContexts } from '../test-contexts.ts';

/**
 * Runs the benchmark harness on its own PostgreSQL and Redis (durable settings, like
 * production) and writes results under packages/bench/results plus README's table.
 * `./fruitables bench <name>` runs only the benchmarks whose name contains it.
 */
export async function runBench(args: string[]): Promise<number> {
  await ensureInstalled([requirements.postgres, requirements.redis, requirements.wrk, requirements.varnish]);
  const dir = join(stackDir('bench'), String(process.pid));
  // As in `test`: on Ctrl-C (or a timeout's SIGTERM) the benchmark children end, and
  // `finally` still stops this run's PostgreSQL and Redis instead of leaving them running.
  const ignore = () => console.log('\ninterrupted: stopping the benchmark PostgreSQL and Redis');
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  const taken = new Set<number>();
  const infrastructure = await startInfrastructure(
    dir,
    { postgres: await pickPort(35432, taken), redis: await pickPort(36379, taken) },
    'durable',
  );
  try {
    const databaseUrl = await ensureDatabase(infrastructure.adminUrl, 'fruitables_bench', { recreate: true });
    await runMigrations(databaseUrl, {}, testOnlyContexts);
    const only = args[0];
    await runBenchmarks(
      {
        postgresAdminUrl: databaseUrl,
        redisUrl: infrastructure.redisUrl,
        startPlatform: () => benchPlatform(dir),
        serviceDevEnv: benchServiceDevEnv,
      },
      { repoRoot, ...(only ? { only } : {}) },
    );
    return 0;
  } finally {
    await stopPlatform(join(dir, 'platform'));
    await stopInfrastructure(dir);
    rmSync(dir, { recursive: true, force: true });
    process.off('SIGINT', ignore);
    process.off('SIGTERM', ignore);
  }
}

/**
 * A service's local secrets for a benchmark that runs it alone: its own dev-env module
 * decides them, as for `./fruitables up`. There is no rest of the stack to point it at.
 */
async function benchServiceDevEnv(name: string, secretsDir: string): Promise<Record<string, string>> {
  const service = discoverServices().find((candidate) => candidate.name === name);
  if (!service) throw new Error(`no service named ${name} under apps/`);
  const alone = (what: string) => (): never => {
    throw new Error(`${name} asked for ${what}, which a benchmark run of ${name} alone does not have`);
  };
  return devEnvFor(service, secretsDir, {
    serviceUrl: alone('another service'),
    standInUrl: alone('a stand-in'),
    // Addresses written into settings (identity's mailed links, its SMTP server) where nothing
    // listens: a benchmark of one service alone sends no mail and renders no link.
    edgeUrl: () => 'http://127.0.0.1:9',
    smtpUrl: () => 'smtp://127.0.0.1:9',
    edgePurgeSecret: alone('the edge purge secret'),
  });
}

/** The whole platform for a benchmark that measures it end to end (the edge benchmark). */
async function benchPlatform(dir: string): Promise<BenchPlatform> {
  const platform = await startPlatform(join(dir, 'platform'));
  const edgePid = platform.edgePid();
  if (edgePid === null) throw new Error('the platform started without its edge');
  return { edgeUrl: platform.edgeUrl, edgeWorkdir: platform.edgeWorkdir, edgePid, stop: () => platform.stop() };
}
