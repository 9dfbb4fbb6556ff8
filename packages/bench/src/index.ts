export type { BenchPlatform } from './benchmarks/types.ts';
export { runBenchmarks } from './run.ts';
