import type { BenchResult } from '../results.ts';

/** What a benchmark gets from the harness: where the data stores are, and which CPUs to use. */
export interface BenchContext {
  postgresAdminUrl: string;
  redisUrl: string;
  /** CPU for servers under test; the load generator gets `loadCpu`. */
  serverCpu: number;
  loadCpu: number;
  log: (message: string) => void;
}

export interface Benchmark {
  name: string;
  run(context: BenchContext): Promise<BenchResult[]>;
}
