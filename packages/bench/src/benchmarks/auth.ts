import { createTestSigner } from '@fruitables/kit/testing';
import { startServer } from '../process.ts';
import { median } from '../stats.ts';
import { runWrk } from '../wrk.ts';
import type { Benchmark } from './types.ts';

/**
 * A protected kit route (token verified, revocation checked in Redis, role checked) against
 * the same route unprotected, on the same server, alternating routes so noise hits both.
 */
export const authBenchmark: Benchmark = {
  name: 'protected route',
  async run(context) {
    const signer = await createTestSigner();
    const token = await signer.shopper();
    const server = await startServer(new URL('../servers/protected.ts', import.meta.url).pathname, context.serverCpu, {
      JWKS: JSON.stringify(signer.jwks),
      REDIS_URL: context.redisUrl,
    });
    const base = `http://127.0.0.1:${server.port}`;
    const headers = { authorization: `Bearer ${token}` };
    try {
      await runWrk({ url: `${base}/v1/protected`, connections: 50, seconds: 2, cpu: context.loadCpu, headers });
      const ratios: number[] = [];
      const open: number[] = [];
      const protectedRps: number[] = [];
      for (let round = 1; round <= 3; round++) {
        const unprotected = await runWrk({
          url: `${base}/v1/open`,
          connections: 50,
          seconds: 6,
          cpu: context.loadCpu,
          headers,
        });
        const guarded = await runWrk({
          url: `${base}/v1/protected`,
          connections: 50,
          seconds: 6,
          cpu: context.loadCpu,
          headers,
        });
        if (guarded.errors > 0 || unprotected.errors > 0) throw new Error('the auth benchmark server answered errors');
        context.log(
          `round ${round}: open ${Math.round(unprotected.requestsPerSecond)} req/s, protected ${Math.round(guarded.requestsPerSecond)} req/s`,
        );
        ratios.push(guarded.requestsPerSecond / unprotected.requestsPerSecond);
        open.push(unprotected.requestsPerSecond);
        protectedRps.push(guarded.requestsPerSecond);
      }
      const ratio = median(ratios);
      return [
        {
          id: 'auth-protected-route',
          title: 'Protected kit route (ES256 + revocation check + role)',
          value: Math.round(median(protectedRps)),
          unit: 'req/s',
          baseline: { title: 'same route unprotected', value: Math.round(median(open)), unit: 'req/s' },
          ratio,
          target: '≥ 0.6× unprotected',
          met: ratio >= 0.6,
          detail: 'median of 3 alternating pairs, wrk 50 connections, 6 s each',
        },
      ];
    } finally {
      await server.stop();
    }
  },
};
