import { serviceRoleName, withUser } from '@fruitables/db';
import { startServer } from '../process.ts';
import { type BenchCatalog, startBenchCatalog } from '../servers/catalog-service.ts';
import { median } from '../stats.ts';
import { type LoadResult, runWrk } from '../wrk.ts';
import type { BenchContext, Benchmark } from './types.ts';

const ROUNDS = 3;

async function loadDemoCatalog(context: BenchContext): Promise<void> {
  // The demo seed, run exactly as `./fruitables up` runs it (its own script, catalog's role).
  const seed = Bun.spawn(
    [process.execPath, new URL('../../../../apps/catalog/src/seed.ts', import.meta.url).pathname],
    {
      env: { ...process.env, DATABASE_URL: withUser(context.postgresAdminUrl, serviceRoleName('catalog')) },
      stdout: 'ignore',
      stderr: 'inherit',
    },
  );
  if ((await seed.exited) !== 0) throw new Error('catalog demo seed failed');
}

async function measureHello(context: BenchContext): Promise<LoadResult> {
  const kit = await startServer(new URL('../servers/kit.ts', import.meta.url).pathname, context.serverCpu);
  try {
    const url = `http://127.0.0.1:${kit.port}/v1/hello`;
    await runWrk({ url, connections: 50, seconds: 2, cpu: context.loadCpu });
    return await runWrk({ url, connections: 50, seconds: 6, cpu: context.loadCpu });
  } finally {
    await kit.stop();
  }
}

async function measureList(context: BenchContext, catalog: BenchCatalog): Promise<LoadResult> {
  const url = `${catalog.base}/v1/products?limit=20`;
  await runWrk({ url, connections: 50, seconds: 2, cpu: context.loadCpu });
  return runWrk({ url, connections: 50, seconds: 6, cpu: context.loadCpu });
}

/**
 * The storefront's main read: the public product list, 20 products with their offers'
 * prices and stock states, from the real catalog on the demo catalog, straight at the
 * service (no edge cache; with Varnish in front almost every request is a hit). Compared
 * with the kit hello route in alternating rounds of one run, as the issue asks.
 */
export const catalogProductListBenchmark: Benchmark = {
  name: 'catalog product list',
  async run(context) {
    await loadDemoCatalog(context);
    const catalog = await startBenchCatalog(context);
    const rounds: { hello: LoadResult; list: LoadResult }[] = [];
    try {
      const probe = await fetch(`${catalog.base}/v1/products?limit=20`);
      const items = ((await probe.json()) as { items?: unknown[] }).items?.length ?? 0;
      if (probe.status !== 200 || items !== 20)
        throw new Error(`product list answered ${probe.status} with ${items} items`);
      for (let round = 1; round <= ROUNDS; round++) {
        const list = await measureList(context, catalog);
        const hello = await measureHello(context);
        if (list.errors > 0) throw new Error(`product list answered ${list.errors} errors under load`);
        context.log(
          `round ${round}: list ${Math.round(list.requestsPerSecond)} req/s p99 ${list.p99Ms} ms, ` +
            `hello ${Math.round(hello.requestsPerSecond)} req/s p99 ${hello.p99Ms} ms`,
        );
        rounds.push({ hello, list });
      }
    } finally {
      await catalog.stop();
    }
    const throughputRatio = median(rounds.map((r) => r.list.requestsPerSecond / r.hello.requestsPerSecond));
    const p99Ratio = median(rounds.map((r) => r.list.p99Ms / r.hello.p99Ms));
    const listRps = median(rounds.map((r) => r.list.requestsPerSecond));
    const listP99 = median(rounds.map((r) => r.list.p99Ms));
    const helloRps = median(rounds.map((r) => r.hello.requestsPerSecond));
    const helloP99 = median(rounds.map((r) => r.hello.p99Ms));
    return [
      {
        id: 'catalog-product-list-throughput',
        title: 'Catalog product list, 20 items with price and stock (wrk, 50 connections, no cache)',
        value: Math.round(listRps),
        unit: 'req/s',
        baseline: { title: 'kit hello route', value: Math.round(helloRps), unit: 'req/s' },
        ratio: throughputRatio,
        target: '≥ 0.10× kit hello (three queries per request vs none)',
        met: throughputRatio >= 0.1,
        detail: `median of ${ROUNDS} alternating rounds`,
      },
      {
        id: 'catalog-product-list-p99',
        title: 'Catalog product list p99 at 50 connections',
        value: listP99,
        unit: 'ms',
        baseline: { title: 'kit hello route p99', value: helloP99, unit: 'ms' },
        ratio: p99Ratio,
        target: '≤ 50 ms',
        met: listP99 <= 50,
        detail: `ratio is list p99 / hello p99; median of ${ROUNDS} alternating rounds`,
      },
    ];
  },
};
