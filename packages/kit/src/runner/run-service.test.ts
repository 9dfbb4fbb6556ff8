import { type Consumer, publishEvents } from '@fruitables/bus';
import { effects, fixtureCatalogue, outbox, uniqueStreamPrefix } from '@fruitables/bus/testing';
import { waitFor } from '@fruitables/core/testing';
import { createTestDatabase, type TestDatabase } from '@fruitables/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServiceApp } from '../testing/index.ts';
import { runService } from './run-service.ts';
import { captureLines, createFixtureConsumer, fixtureTables, runnerTestEnv } from './test-fixtures.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('kit-runner');
});
afterAll(async () => {
  await database.drop();
});

describe('runService', () => {
  it('serves before its start-up step, is ready only while every part runs, and shuts down in order', async () => {
    const stream = `${uniqueStreamPrefix('runner-order')}:events`;
    const logs = captureLines();
    let finishStartUp = () => {};
    const startUpGate = new Promise<void>((resolve) => {
      finishStartUp = resolve;
    });
    let consumer: Consumer | undefined;
    let exitCode: number | undefined;
    const service = await runService(
      {
        name: 'runner-test',
        env: {},
        tables: fixtureTables,
        producer: { stream, outbox },
        async build(platform) {
          consumer = createFixtureConsumer(platform, { stream, group: 'readers' });
          const app = createTestServiceApp({ readiness: platform.readiness, lifecycle: platform.lifecycle });
          return {
            app,
            onStart: () => startUpGate,
            consumers: { 'readers consumer': consumer },
            sweeps: { 'tick sweep': () => ({ stop: async () => {} }) },
            jobs: { imports: { drain: async () => {} } },
          };
        },
      },
      runnerTestEnv(database),
      { hostname: '127.0.0.1', exit: (code) => (exitCode = code), logDestination: logs.destination },
    );
    const base = `http://127.0.0.1:${service.server.port}`;
    const readiness = async () => {
      const response = await fetch(`${base}/readyz`);
      return { status: response.status, body: (await response.json()) as { checks?: Record<string, string> } };
    };

    // Listening while the start-up step runs: alive, not ready, and no consumer started yet.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const early = await readiness();
    expect(early.status).toBe(503);
    expect(early.body.checks).toMatchObject({ 'start-up': 'failing', 'readers consumer': 'failing' });
    expect(consumer?.isRunning()).toBe(false);

    finishStartUp();
    await service.started;
    const ready = await readiness();
    expect(ready).toEqual({
      status: 200,
      body: {
        status: 'ok',
        checks: {
          postgres: 'ok',
          redis: 'ok',
          'outbox relay': 'ok',
          'start-up': 'ok',
          'readers consumer': 'ok',
        },
      },
    });

    // A consumer that stops takes the service out of rotation.
    await consumer?.stop();
    const withoutConsumer = await readiness();
    expect(withoutConsumer.status).toBe(503);
    expect(withoutConsumer.body.checks?.['readers consumer']).toBe('failing');
    await consumer?.start();
    expect((await readiness()).status).toBe(200);

    // /metrics only on the metrics port.
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    const metrics = await fetch(`http://127.0.0.1:${service.metricsServer.port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('bus_events_published_total');

    await service.shutdown('test');
    expect(exitCode).toBe(0);
    const lines = logs.lines();
    const hooks = lines.filter((line) => line.msg === 'shutdown hook done').map((line) => line.hook);
    expect(hooks).toEqual([
      'imports',
      'readers consumer',
      'tick sweep',
      'outbox relay',
      'stream trimmer',
      'redis',
      'postgres',
      'metrics server',
    ]);
    expect(lines.some((line) => line.msg === 'shutdown hook failed')).toBe(false);
    // The HTTP server drained before the first hook ran.
    const messages = lines.map((line) => line.msg);
    expect(messages.indexOf('shutting down')).toBeLessThan(messages.indexOf('shutdown hook done'));
    expect(consumer?.isRunning()).toBe(false);
  });

  it('keeps its stream bounded while a slow group still gets every entry', async () => {
    const stream = `${uniqueStreamPrefix('runner-trim')}:events`;
    const WAVES = 4;
    const WAVE_SIZE = 100;
    const service = await runService(
      {
        name: 'runner-trim',
        env: {},
        tables: fixtureTables,
        producer: { stream, outbox },
        async build(platform) {
          const app = createTestServiceApp({ readiness: platform.readiness, lifecycle: platform.lifecycle });
          return {
            app,
            consumers: {
              'fast consumer': createFixtureConsumer(platform, { stream, group: 'fast' }),
              // Several trims run while this group is still reading a wave the fast one finished.
              'slow consumer': createFixtureConsumer(platform, { stream, group: 'slow', delayMs: 3 }),
            },
          };
        },
      },
      runnerTestEnv(database, { STREAM_TRIM_INTERVAL_MS: '25' }),
      { hostname: '127.0.0.1', exit: () => {}, logDestination: captureLines().destination },
    );
    const { db, redis } = service.platform;
    const appliedBy = async (group: string) =>
      (await db.select({ eventId: effects.eventId }).from(effects).where(eq(effects.consumer, group))).map(
        (row) => row.eventId,
      );
    try {
      await service.started;
      const published: string[] = [];
      let longest = 0;
      let slowLaggedBehindFast = false;
      for (let wave = 0; wave < WAVES; wave++) {
        const inputs = Array.from({ length: WAVE_SIZE }, (_, i) => ({
          type: 'FixtureHappened' as const,
          aggregateId: `aggregate-${i % 7}`,
          data: { n: wave * WAVE_SIZE + i },
        }));
        const envelopes = await db.transaction((tx) =>
          publishEvents(tx, outbox, fixtureCatalogue, inputs, { name: 'runner-trim', stream }),
        );
        published.push(...envelopes.map((envelope) => envelope.id));
        await waitFor('the slow group to apply the wave', async () => {
          longest = Math.max(longest, await redis.xLen(stream));
          const [fast, slow] = [(await appliedBy('fast')).length, (await appliedBy('slow')).length];
          if (fast === published.length && slow < published.length) slowLaggedBehindFast = true;
          return slow === published.length;
        });
        // Both groups are done with the wave: the trimmer drops it (MINID keeps the last-delivered entry).
        await waitFor('the stream to be trimmed behind both groups', async () => (await redis.xLen(stream)) <= 1);
      }
      expect(slowLaggedBehindFast).toBe(true);
      // Bounded by one wave, not by everything ever published (noeviction would otherwise fill Redis).
      expect(longest).toBeLessThanOrEqual(WAVE_SIZE + 1);
      expect(published).toHaveLength(WAVES * WAVE_SIZE);
      // Trimming never dropped an entry the slow group had not read: it applied every event once.
      expect((await appliedBy('slow')).sort()).toEqual([...published].sort());
      expect((await appliedBy('fast')).sort()).toEqual([...published].sort());
      expect(await service.platform.registry.getSingleMetricAsString('bus_stream_entries_trimmed_total')).toMatch(
        /bus_stream_entries_trimmed_total\{[^}]*\} [1-9]/,
      );
    } finally {
      await service.shutdown('test');
    }
  });
});
