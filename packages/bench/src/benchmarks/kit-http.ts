import { cpuSeconds, startServer } from '../process.ts';
import { runWrk } from '../wrk.ts';
import type { Benchmark } from './types.ts';

const serverScript = (name: string) => new URL(`../servers/${name}.ts`, import.meta.url).pathname;

interface Round {
  requestsPerSecond: number;
  p99Ms: number;
  /** Server CPU time per request: what limits throughput on a core of its own. */
  cpuMicrosPerRequest: number;
}

async function measure(name: 'bare' | 'kit', loadCpu: number, serverCpu: number): Promise<Round> {
  const server = await startServer(serverScript(name), serverCpu);
  try {
    const url = `http://127.0.0.1:${server.port}${name === 'kit' ? '/v1/hello' : '/'}`;
    await runWrk({ url, connections: 50, seconds: 2, cpu: loadCpu }); // warm-up: let the JIT settle
    const cpuBefore = await cpuSeconds(server.pid);
    const result = await runWrk({ url, connections: 50, seconds: 6, cpu: loadCpu });
    const cpuUsed = (await cpuSeconds(server.pid)) - cpuBefore;
    if (result.errors > 0) throw new Error(`${name} server answered ${result.errors} errors under load`);
    return {
      requestsPerSecond: result.requestsPerSecond,
      p99Ms: result.p99Ms,
      cpuMicrosPerRequest: (cpuUsed * 1e6) / result.requests,
    };
  } finally {
    await server.stop();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/**
 * A kit-built route vs a bare Bun.serve returning the same small JSON, with the same wrk
 * settings. The machine is shared and noisy, so rounds alternate bare/kit back to back and
 * the figure is the median of the per-pair ratios; server CPU per request is reported too,
 * because it is what bounds throughput and is far less sensitive to neighbours.
 */
export const kitHttpBenchmark: Benchmark = {
  name: 'kit HTTP overhead',
  async run(context) {
    const pairs: { bare: Round; kit: Round }[] = [];
    for (let round = 1; round <= 5; round++) {
      const bare = await measure('bare', context.loadCpu, context.serverCpu);
      const kit = await measure('kit', context.loadCpu, context.serverCpu);
      context.log(
        `round ${round}: bare ${Math.round(bare.requestsPerSecond)} req/s (${bare.cpuMicrosPerRequest.toFixed(1)} µs CPU/req), ` +
          `kit ${Math.round(kit.requestsPerSecond)} req/s (${kit.cpuMicrosPerRequest.toFixed(1)} µs CPU/req)`,
      );
      pairs.push({ bare, kit });
    }
    const ratio = median(pairs.map((pair) => pair.kit.requestsPerSecond / pair.bare.requestsPerSecond));
    const cpuRatio = median(pairs.map((pair) => pair.bare.cpuMicrosPerRequest / pair.kit.cpuMicrosPerRequest));
    const kitRps = median(pairs.map((pair) => pair.kit.requestsPerSecond));
    const bareRps = median(pairs.map((pair) => pair.bare.requestsPerSecond));
    return [
      {
        id: 'kit-route-throughput',
        title: 'Kit route, small JSON (wrk, 50 connections)',
        value: Math.round(kitRps),
        unit: 'req/s',
        baseline: { title: 'bare Bun.serve', value: Math.round(bareRps), unit: 'req/s' },
        ratio,
        target: '≥ 0.85× bare Bun.serve',
        met: ratio >= 0.85,
        detail:
          `median of 5 alternating pairs; p99 kit ${median(pairs.map((p) => p.kit.p99Ms))} ms, bare ${median(pairs.map((p) => p.bare.p99Ms))} ms; ` +
          `server CPU per request kit ${median(pairs.map((p) => p.kit.cpuMicrosPerRequest)).toFixed(1)} µs, bare ${median(pairs.map((p) => p.bare.cpuMicrosPerRequest)).toFixed(1)} µs (CPU-bound ratio ${cpuRatio.toFixed(2)}×)`,
      },
    ];
  },
};
