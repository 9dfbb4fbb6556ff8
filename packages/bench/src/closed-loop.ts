import { percentile } from './stats.ts';

export interface LoopResult {
  done: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * `workers` clients, each sending its next request as soon as the last is answered, for
 * `seconds`: a closed loop like wrk's connections, for requests wrk cannot make (a fresh
 * Idempotency-Key and body each time). `request` throws on an answer that is not a success.
 */
export async function closedLoop(
  workers: number,
  seconds: number,
  request: (worker: number) => Promise<void>,
): Promise<LoopResult> {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < until) {
        const sent = performance.now();
        await request(worker);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    done: latencies.length,
    perSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** Quick scale while developing a benchmark (`BENCH_QUICK=1`): the same steps, smaller numbers. */
export const quick = process.env.BENCH_QUICK === '1';
