import { Writable } from 'node:stream';
import { testRedisUrl } from '@fruitables/bus/testing';
import { createTestDatabase, type TestDatabase } from '@fruitables/db/testing';
import { runService } from '@fruitables/kit';
import { createTestSigner } from '@fruitables/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logisticsService } from './service.ts';
import { type StandInTracker, startStandInTracker } from './tracker-stand-in/stand-in-tracker.ts';

// logistics as main.ts starts it: the runner parses the environment, builds the parts from
// service.ts and starts the consumer and every sweep. A JWKS endpoint stands in for identity.
let database: TestDatabase;
let tracker: StandInTracker;
let jwks: ReturnType<typeof Bun.serve>;
beforeAll(async () => {
  database = await createTestDatabase('logistics-service');
  tracker = await startStandInTracker();
  const signer = await createTestSigner();
  jwks = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => Response.json(signer.jwks) });
});
afterAll(async () => {
  await tracker.close();
  await jwks.stop(true);
  await database.drop();
});

describe('the logistics service', () => {
  it('starts every part, is ready, answers the promise, and shuts down', async () => {
    let exitCode: number | undefined;
    const service = await runService(
      logisticsService,
      {
        PORT: '0',
        METRICS_PORT: '0',
        DATABASE_URL: database.urlFor('logistics'),
        REDIS_URL: testRedisUrl(),
        AUTH_JWKS_URL: `http://127.0.0.1:${jwks.port}/.well-known/jwks.json`,
        LOGISTICS_TRACKER_URL: tracker.graphqlUrl,
        SHUTDOWN_TIMEOUT_MS: '2000',
      },
      {
        hostname: '127.0.0.1',
        exit: (code) => (exitCode = code),
        logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }),
      },
    );
    await service.started;
    const base = `http://127.0.0.1:${service.server.port}`;
    const ready = await fetch(`${base}/readyz`);
    const body = (await ready.json()) as { checks: Record<string, string> };
    expect(ready.status).toBe(200);
    expect(body.checks).toMatchObject({ postgres: 'ok', redis: 'ok', 'orders-events consumer': 'ok' });
    const promise = await fetch(`${base}/v1/promise`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ postcode: '63100', farms: [{ farmId: crypto.randomUUID(), boxes: 1 }] }),
    });
    expect(promise.status).toBe(200);
    expect(await promise.json()).toMatchObject({ area: 'jeju' });
    await service.shutdown('test');
    expect(exitCode).toBe(0);
  }, 30_000);
});
