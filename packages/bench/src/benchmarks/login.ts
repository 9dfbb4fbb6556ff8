import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceRoleName, withUser } from '@fruitables/db';
import { devEnv } from '@fruitables/identity/dev-env';
import { startServer } from '../process.ts';
import { percentile } from '../stats.ts';
import type { Benchmark } from './types.ts';

const ACCOUNTS = 8;
const CONCURRENCY = 2;
const SECONDS = 15;
const PASSWORD = 'correct-horse-battery-staple';

/**
 * Logins against the real identity service with its production argon2id parameters: how
 * long one takes (p95 should cost an attacker, not the server's availability) and how many
 * one instance sustains. Two concurrent clients, one per core; the load is light (a few
 * requests per second), so the client process shares the CPUs without distorting it.
 */
export const loginBenchmark: Benchmark = {
  name: 'login',
  async run(context) {
    const secrets = mkdtempSync(join(tmpdir(), 'fruitables-bench-identity-'));
    const identity = await startServer(
      new URL('../../../../apps/identity/src/main.ts', import.meta.url).pathname,
      context.serverCpu,
      {
        // Nothing listens at these: the login benchmark sends no mail.
        ...(await devEnv(secrets, { edgeUrl: () => 'http://127.0.0.1:8080', smtpUrl: () => 'smtp://127.0.0.1:1025' })),
        DATABASE_URL: withUser(context.postgresAdminUrl, serviceRoleName('identity')),
        REDIS_URL: context.redisUrl,
        // info: the harness waits for the `listening` line; request lines are drained and dropped.
        LOG_LEVEL: 'info',
      },
    );
    const base = `http://127.0.0.1:${identity.port}`;
    try {
      const run = `${Date.now()}`;
      const emails = Array.from({ length: ACCOUNTS }, (_, i) => `bench-${run}-${i}@example.kr`);
      for (const email of emails) {
        const response = await fetch(`${base}/v1/accounts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: PASSWORD, displayName: '벤치' }),
        });
        if (response.status !== 202) throw new Error(`sign-up answered ${response.status}`);
      }
      const latencies: number[] = [];
      let failures = 0;
      const deadline = performance.now() + SECONDS * 1000;
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < deadline) {
            const email = emails[next++ % emails.length];
            const started = performance.now();
            const response = await fetch(`${base}/v1/sessions`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ email, password: PASSWORD }),
            });
            await response.arrayBuffer();
            if (response.status === 200) latencies.push(performance.now() - started);
            else failures++;
          }
        }),
      );
      if (failures > 0) throw new Error(`${failures} logins failed`);
      const sorted = latencies.sort((a, b) => a - b);
      const p95 = Math.round(percentile(sorted, 95));
      const perSecond = latencies.length / SECONDS;
      context.log(
        `${latencies.length} logins in ${SECONDS} s, p50 ${Math.round(percentile(sorted, 50))} ms, p95 ${p95} ms`,
      );
      return [
        {
          id: 'login-p95',
          title: `Login p95 (argon2id production parameters, ${CONCURRENCY} concurrent)`,
          value: p95,
          unit: 'ms',
          target: '100–500 ms',
          met: p95 >= 100 && p95 <= 500,
          detail: `p50 ${Math.round(percentile(sorted, 50))} ms over ${latencies.length} logins`,
        },
        {
          id: 'login-throughput',
          title: 'Logins one identity instance sustains',
          value: Math.round(perSecond * 10) / 10,
          unit: 'logins/s',
          target: 'reported',
          met: true,
          detail: `${CONCURRENCY} concurrent clients for ${SECONDS} s`,
        },
      ];
    } finally {
      await identity.stop();
      rmSync(secrets, { recursive: true, force: true });
    }
  },
};
