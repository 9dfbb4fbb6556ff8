import type { BenchResult } from '../results.ts';

/** What a benchmark gets from the harness: where the data stores are, and which CPUs to use. */
export interface BenchContext {
  postgresAdminUrl: string;
  redisUrl: string;
  /** CPU for servers under test; the load generator gets `loadCpu`. */
  serverCpu: number;
  loadCpu: number;
  log: (message: string) => void;
  /**
   * Starts the whole platform as `./fruitables up` runs it (identity, catalog with its demo
   * data, the storefront, the Varnish edge), on private ports and throwaway data. Given by
   * the stack's bench command, which owns how the platform starts.
   */
  startPlatform?: () => Promise<BenchPlatform>;
  /**
   * A service's local secrets (signing keys and the like) as its own `src/dev-env.ts` makes
   * them, kept under `secretsDir`. Given by the stack, which knows how services are found
   * and configured, so the harness imports no app: it starts apps as processes and talks
   * HTTP to them, as a client in production would.
   */
  serviceDevEnv: (service: string, secretsDir: string) => Promise<Record<string, string>>;
}

/** A running platform, as a benchmark sees it. */
export interface BenchPlatform {
  edgeUrl: string;
  /** varnishd's working directory (`-n`), for varnishstat. */
  edgeWorkdir: string;
  /** The edge's varnishd manager process (its worker is a child), to pin it to a CPU. */
  edgePid: number;
  stop(): Promise<void>;
}

export interface Benchmark {
  name: string;
  run(context: BenchContext): Promise<BenchResult[]>;
}
