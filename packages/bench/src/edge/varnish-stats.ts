import { z } from 'zod';

export interface CacheCounters {
  hits: number;
  misses: number;
}

const counters = z.object({
  counters: z.record(z.string(), z.object({ value: z.number() })),
});

/** The edge's MAIN.cache_hit and MAIN.cache_miss (passes, like API POSTs, are neither). */
export async function readCacheCounters(workdir: string): Promise<CacheCounters> {
  const child = Bun.spawn(['varnishstat', '-n', workdir, '-1', '-j', '-f', 'MAIN.cache_hit', '-f', 'MAIN.cache_miss'], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [output, code] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  if (code !== 0) throw new Error(`varnishstat failed: ${await new Response(child.stderr).text()}`);
  const parsed = counters.parse(JSON.parse(output)).counters;
  return { hits: parsed['MAIN.cache_hit']?.value ?? 0, misses: parsed['MAIN.cache_miss']?.value ?? 0 };
}

export const counterDelta = (before: CacheCounters, after: CacheCounters): CacheCounters => ({
  hits: after.hits - before.hits,
  misses: after.misses - before.misses,
});

/**
 * Varnish adds a worker's counters to MAIN in batches (when the worker goes idle), so right
 * after a run they can lag behind. Waits until they account for `requests` lookups since
 * `before`, or for `timeoutMs`, and returns the last reading either way.
 */
export async function settledCounters(
  workdir: string,
  before: CacheCounters,
  requests: number,
  timeoutMs = 10_000,
): Promise<CacheCounters> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const now = await readCacheCounters(workdir);
    const delta = counterDelta(before, now);
    if (delta.hits + delta.misses >= requests || Date.now() > deadline) return now;
    await Bun.sleep(100);
  }
}
