import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quoteIdent, withDatabase } from '@fruitables/db';
import { runMigrations } from '@fruitables/migrations';
import postgres from 'postgres';
import { startBenchCatalog } from '../servers/catalog-service.ts';
import { median } from '../stats.ts';
import { loadBuildCatalog } from './storefront-build-data.ts';
import type { BenchContext, Benchmark } from './types.ts';

const PRODUCTS = 1_000;
const ROUNDS = 3;
const TARGET_MS = 10_000;
const buildScript = new URL('../../../../apps/storefront/src/build.ts', import.meta.url).pathname;

interface BuildOutput {
  products: number;
  farms: number;
  files: number;
  durationMs: number;
}

/** A database of its own: the shared benchmark database holds other benchmarks' products. */
async function createBuildDatabase(context: BenchContext): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `fruitables_bench_storefront_${process.pid}`;
  const admin = postgres(context.postgresAdminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
    await admin.unsafe(`create database ${quoteIdent(name)}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(context.postgresAdminUrl, name);
  await runMigrations(url, {}, []);
  return {
    url,
    async drop() {
      const cleanup = postgres(context.postgresAdminUrl, { max: 1, onnotice: () => {} });
      try {
        await cleanup.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
      } finally {
        await cleanup.end({ timeout: 5 });
      }
    },
  };
}

/** One full build by the storefront's own build command, on the load CPU (catalog has the other). */
async function runBuild(
  context: BenchContext,
  catalogUrl: string,
  dir: string,
): Promise<BuildOutput & { wallMs: number }> {
  const started = performance.now();
  const child = Bun.spawn(['taskset', '-c', String(context.loadCpu), process.execPath, buildScript], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      STOREFRONT_CATALOG_URL: catalogUrl,
      STOREFRONT_PUBLIC_URL: 'https://fruitables.kr',
      STOREFRONT_BUILD_DIR: dir,
    },
    stdout: 'pipe',
    stderr: 'inherit',
  });
  const [output, code] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  if (code !== 0) throw new Error(`the storefront build exited with ${code}`);
  const line = output.trim().split('\n').at(-1) ?? '{}';
  return { ...(JSON.parse(line) as BuildOutput), wallMs: Math.round(performance.now() - started) };
}

/**
 * The storefront's full build of 1,000 products (4 offers each, 200 farms) against the real
 * catalog service: list every product, read each one (photos) and each farm, render every
 * page, write them to a new build folder and switch to it. The figure is the build itself;
 * the process start and the in-memory bundling of the browser scripts are in the detail.
 */
export const storefrontBuildBenchmark: Benchmark = {
  name: 'storefront build',
  async run(context) {
    const database = await createBuildDatabase(context);
    const owner = postgres(database.url, { max: 2, onnotice: () => {} });
    const dir = mkdtempSync(join(tmpdir(), 'bench-storefront-'));
    try {
      await loadBuildCatalog(owner, PRODUCTS);
      const catalog = await startBenchCatalog({ ...context, postgresAdminUrl: database.url });
      const rounds: (BuildOutput & { wallMs: number })[] = [];
      try {
        for (let round = 1; round <= ROUNDS; round++) {
          const result = await runBuild(context, catalog.base, dir);
          if (result.products !== PRODUCTS) throw new Error(`built ${result.products} products, expected ${PRODUCTS}`);
          context.log(
            `round ${round}: ${result.durationMs} ms build, ${result.wallMs} ms with process start, ${result.files} files`,
          );
          rounds.push(result);
        }
      } finally {
        await catalog.stop();
      }
      const build = median(rounds.map((r) => r.durationMs));
      const wall = median(rounds.map((r) => r.wallMs));
      const first = rounds[0];
      return [
        {
          id: 'storefront-full-build',
          title: `Storefront full build, ${PRODUCTS.toLocaleString('en-US')} products from the real catalog`,
          value: build,
          unit: 'ms',
          target: `< ${TARGET_MS.toLocaleString('en-US')} ms`,
          met: build < TARGET_MS,
          detail: `median of ${ROUNDS}; ${first?.files ?? 0} files, ${first?.farms ?? 0} farms; ${wall} ms with process start and script bundling; builder on one CPU, catalog on the other`,
        },
      ];
    } finally {
      await owner.end({ timeout: 5 });
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    }
  },
};
