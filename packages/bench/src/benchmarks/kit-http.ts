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

type Server = 'bare' | 'hono' | 'kit';

async function measure(name: Server, loadCpu: number, serverCpu: number): Promise<Round> {
  const server = await startServer(serverScript(name), serverCpu);
  try {
    const url = `http://127.0.0.1:${server.port}${name === 'bare' ? '/' : '/v1/hello'}`;
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
 * A kit-built route vs a plain Hono app serving the same route (what every service would be
 * without the kit), with a bare Bun.serve alongside for scale, all with the same wrk
 * settings. The machine is shared and noisy, so rounds run the three back to back and the
 * figure is the median of the per-round ratios; server CPU per request is reported too,
 * because it is what bounds throughput and is far less sensitive to neighbours.
 */
export const kitHttpBenchmark: Benchmark = {
  name: 'kit HTTP overhead',
  async run(context) {
    const rounds: Record<Server, Round>[] = [];
    for (let round = 1; round <= 5; round++) {
      const bare = await measure('bare', context.loadCpu, context.serverCpu);
      const hono = await measure('hono', context.loadCpu, context.serverCpu);
      const kit = await measure('kit', context.loadCpu, context.serverCpu);
      const describe = (name: Server, r: Round) =>
        `${name} ${Math.round(r.requestsPerSecond)} req/s (${r.cpuMicrosPerRequest.toFixed(1)} µs CPU/req)`;
      context.log(`round ${round}: ${describe('bare', bare)}, ${describe('hono', hono)}, ${describe('kit', kit)}`);
      rounds.push({ bare, hono, kit });
    }
    const of = (name: Server, pick: (r: Round) => number) => median(rounds.map((r) => pick(r[name])));
    const ratio = median(rounds.map((r) => r.kit.requestsPerSecond / r.hono.requestsPerSecond));
    const cpuRatio = median(rounds.map((r) => r.hono.cpuMicrosPerRequest / r.kit.cpuMicrosPerRequest));
    const cpu = (name: Server) => of(name, (r) => r.cpuMicrosPerRequest).toFixed(1);
    return [
      {
        id: 'kit-route-throughput',
        title: 'Kit route, small JSON (wrk, 50 connections)',
        value: Math.round(of('kit', (r) => r.requestsPerSecond)),
        unit: 'req/s',
        baseline: {
          title: 'plain Hono, same route',
          value: Math.round(of('hono', (r) => r.requestsPerSecond)),
          unit: 'req/s',
        },
        ratio,
        target: '≥ 0.7× plain Hono',
        met: ratio >= 0.7,
        detail:
          `median of 5 rounds; p99 kit ${of('kit', (r) => r.p99Ms)} ms, Hono ${of('hono', (r) => r.p99Ms)} ms; ` +
          `server CPU per request kit ${cpu('kit')} µs, plain Hono ${cpu('hono')} µs, bare Bun.serve ${cpu('bare')} µs ` +
          `(CPU-bound ratio to Hono ${cpuRatio.toFixed(2)}×); bare Bun.serve ${Math.round(of('bare', (r) => r.requestsPerSecond))} req/s`,
      },
    ];
  },
};
