import { residentMb, startServer } from '../process.ts';
import type { Benchmark } from './types.ts';

/** Resident memory of a kit-built service at rest, after it has served a little traffic. */
export const idleRssBenchmark: Benchmark = {
  name: 'idle RSS',
  async run(context) {
    const server = await startServer(new URL('../servers/kit.ts', import.meta.url).pathname, context.serverCpu);
    try {
      for (let i = 0; i < 200; i++) await fetch(`http://127.0.0.1:${server.port}/v1/hello`);
      if (server.metricsPort === undefined) throw new Error('the kit server did not report its metrics port');
      await fetch(`http://127.0.0.1:${server.metricsPort}/metrics`);
      Bun.gc(true);
      await Bun.sleep(3_000);
      const rss = await residentMb(server.pid);
      context.log(`idle RSS ${rss} MB`);
      return [
        {
          id: 'kit-idle-rss',
          title: 'Idle RSS of a kit-built service',
          value: rss,
          unit: 'MB',
          target: '≤ 60 MB',
          met: rss <= 60,
          detail: 'after 200 requests and a /metrics scrape, 3 s idle',
        },
      ];
    } finally {
      await server.stop();
    }
  },
};
