import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testRedisUrl } from '@fruitables/bus/testing';
import { createTestDatabase, type TestDatabase } from '@fruitables/db/testing';
import { platformStreams } from '@fruitables/events';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devEnv } from './dev-env.ts';
import { uniqueEmail } from './testing/harness.ts';

/** What the local stack would hand identity: the edge and the mail catcher (nothing listens; boot only needs URLs). */
const LOCAL_STACK = { edgeUrl: () => 'http://127.0.0.1:8080', smtpUrl: () => 'smtp://127.0.0.1:1025' };

let database: TestDatabase;
let secretsDir: string;
beforeAll(async () => {
  database = await createTestDatabase('identity-main');
  secretsDir = mkdtempSync(join(tmpdir(), 'identity-main-'));
});
afterAll(async () => {
  await database.drop();
  rmSync(secretsDir, { recursive: true, force: true });
});

/** A port nothing listens on right now (the kit's env refuses 0). */
function freePort(): number {
  const probe = Bun.serve({ port: 0, fetch: () => new Response() });
  const { port } = probe;
  probe.stop(true);
  if (port === undefined) throw new Error('no free port');
  return port;
}

/** Reads JSON log lines from the child until one matches, so the test waits for events, not for time. */
async function waitForLine(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  lines: Record<string, unknown>[],
  match: (line: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  const decoder = new TextDecoder();
  let buffer = '';
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = lines.find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching log line in: ${JSON.stringify(lines)}`);
    const { value, done } = await reader.read();
    if (done) throw new Error(`process ended first: ${JSON.stringify(lines)}`);
    buffer += decoder.decode(value, { stream: true });
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Record<string, unknown>);
  }
}

describe('the identity process', () => {
  it('boots from its environment, serves, relays events to its stream and stops cleanly on SIGTERM', async () => {
    const child = Bun.spawn([process.execPath, new URL('./main.ts', import.meta.url).pathname], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(freePort()),
        METRICS_PORT: '0',
        DATABASE_URL: database.urlFor('identity'),
        REDIS_URL: testRedisUrl(),
        IDENTITY_ARGON2_MEMORY_KIB: '19456',
        ...(await devEnv(secretsDir, LOCAL_STACK)),
      },
      stdout: 'pipe',
      stderr: 'inherit',
    });
    const reader = child.stdout.getReader();
    const lines: Record<string, unknown>[] = [];
    const redis = createClient({ url: testRedisUrl() });
    await redis.connect();
    try {
      const listening = await waitForLine(reader, lines, (line) => line.msg === 'listening');
      const base = `http://127.0.0.1:${String(listening.port)}`;
      // Ready once its consumer runs, a moment after it listens.
      const readyBy = Date.now() + 10_000;
      while ((await fetch(`${base}/readyz`)).status !== 200 && Date.now() < readyBy) await Bun.sleep(50);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect((await (await fetch(`${base}/.well-known/jwks.json`)).json()).keys).toHaveLength(2);
      // /metrics only on its own port, which the edge never routes.
      const metricsLine = await waitForLine(reader, lines, (line) => line.msg === 'metrics listening');
      expect((await fetch(`${base}/metrics`)).status).toBe(404);
      const metrics = await fetch(`http://127.0.0.1:${String(metricsLine.metricsPort)}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('bus_events_published_total');

      const email = uniqueEmail('boot');
      const signUp = await fetch(`${base}/v1/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'sweet-persimmon-42', displayName: '부팅' }),
      });
      expect(signUp.status).toBe(202);
      const deadline = Date.now() + 10_000;
      let relayed = false;
      while (!relayed && Date.now() < deadline) {
        const entries = await redis.xRange(platformStreams.identity, '-', '+');
        relayed = (entries ?? []).some((entry) => String(entry.message.envelope).includes('"displayName":"부팅"'));
        if (!relayed) await Bun.sleep(50);
      }
      expect(relayed).toBe(true);

      child.kill('SIGTERM');
      expect(await child.exited).toBe(0);
      await waitForLine(reader, lines, (line) => line.msg === 'stopped');
    } finally {
      child.kill('SIGKILL');
      await redis.close();
    }
  });

  it('refuses to boot with key settings that cannot work, naming the variables in one readable line', async () => {
    const secrets = await devEnv(secretsDir, LOCAL_STACK);
    const child = Bun.spawn([process.execPath, new URL('./main.ts', import.meta.url).pathname], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(freePort()),
        DATABASE_URL: database.urlFor('identity'),
        REDIS_URL: testRedisUrl(),
        ...secrets,
        IDENTITY_ENCRYPTION_KEY_ID: 'no-such-key',
      },
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const [code, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
    expect(code).toBe(1);
    const line = JSON.parse(stderr.trim()) as { msg: string; problems: string[] };
    expect(line.msg).toBe('invalid environment');
    expect(line.problems.join(' ')).toContain('IDENTITY_ENCRYPTION_KEY_ID');
  });
});
