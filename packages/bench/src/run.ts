import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { authBenchmark } from './benchmarks/auth.ts';
import { catalogBatchImportBenchmark } from './benchmarks/catalog-batch-import.ts';
import { catalogFlashSaleBenchmark } from './benchmarks/catalog-flash-sale.ts';
import { catalogProductListBenchmark } from './benchmarks/catalog-product-list.ts';
import { catalogSearchBenchmark } from './benchmarks/catalog-search.ts';
import { edgeProductPageBenchmark } from './benchmarks/edge-product-page.ts';
import { eventBusBenchmark } from './benchmarks/event-bus.ts';
import { idleRssBenchmark } from './benchmarks/idle-rss.ts';
import { kitHttpBenchmark } from './benchmarks/kit-http.ts';
import { loginBenchmark } from './benchmarks/login.ts';
import { logisticsPromiseBenchmark } from './benchmarks/logistics-promise.ts';
import { logisticsTrackingBenchmark } from './benchmarks/logistics-tracking.ts';
import { ordersCheckoutBenchmark } from './benchmarks/orders-checkout.ts';
import { ordersFlashSaleBenchmark } from './benchmarks/orders-flash-sale.ts';
import { ordersHistoryBenchmark } from './benchmarks/orders-history.ts';
import { paymentsConfirmBenchmark } from './benchmarks/payments-confirm.ts';
import { paymentsSettlementBenchmark } from './benchmarks/payments-settlement.ts';
import { storefrontBuildBenchmark } from './benchmarks/storefront-build.ts';
import type { BenchContext, Benchmark } from './benchmarks/types.ts';
import { type BenchRun, renderTable, updateReadme, writeResults } from './results.ts';

const benchmarks: Benchmark[] = [
  kitHttpBenchmark,
  idleRssBenchmark,
  eventBusBenchmark,
  authBenchmark,
  loginBenchmark,
  catalogProductListBenchmark,
  catalogFlashSaleBenchmark,
  catalogSearchBenchmark,
  catalogBatchImportBenchmark,
  logisticsPromiseBenchmark,
  logisticsTrackingBenchmark,
  ordersCheckoutBenchmark,
  ordersHistoryBenchmark,
  ordersFlashSaleBenchmark,
  paymentsConfirmBenchmark,
  paymentsSettlementBenchmark,
  storefrontBuildBenchmark,
  edgeProductPageBenchmark,
];

/** Runs every benchmark (or those whose name contains `only`), writes results and the README table. */
export async function runBenchmarks(
  context: Omit<BenchContext, 'serverCpu' | 'loadCpu' | 'log'>,
  options: { repoRoot: string; only?: string },
): Promise<BenchRun> {
  const cpuCount = cpus().length;
  const full: BenchContext = {
    ...context,
    // Server on CPU 0, load generator on the last CPU: on 2 cores they never share one.
    serverCpu: 0,
    loadCpu: Math.max(cpuCount - 1, 0),
    log: (message) => console.log(`  ${message}`),
  };
  const run: BenchRun = {
    startedAt: new Date().toISOString(),
    machine: { cpus: cpuCount, memoryGb: Math.round(totalmem() / 2 ** 30), bun: Bun.version },
    results: [],
  };
  for (const benchmark of benchmarks) {
    if (options.only && !benchmark.name.includes(options.only)) continue;
    console.log(`▶ ${benchmark.name}`);
    run.results.push(...(await benchmark.run(full)));
  }
  const file = writeResults(join(options.repoRoot, 'packages/bench/results'), run, !options.only);
  if (!options.only) updateReadme(join(options.repoRoot, 'README.md'), run);
  console.log(`\n${renderTable(run)}\n\nresults: ${file}`);
  return run;
}
