import { fileURLToPath } from 'node:url';
import type { Subprocess } from 'bun';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGroup } from './consumer-groups.ts';
import { publishEvents } from './publish.ts';
import { createOutboxRelay } from './relay.ts';
import { type BusHarness, createBusHarness, waitFor } from './testing/harness.ts';
import { effects, fixtureCatalogue, inbox, outbox } from './testing.ts';

const TOTAL = 10_000;
const KILLS = 3;
const CLAIM_IDLE_MS = 1000;
const consumerScript = fileURLToPath(new URL('./testing/consumer-process.ts', import.meta.url));

describe('a consumer killed mid-stream', () => {
  let h: BusHarness;
  let stream: string;
  let group: string;
  const children: Subprocess[] = [];

  beforeAll(async () => {
    h = await createBusHarness('bus crash');
    stream = `${h.prefix}:events`;
    group = `${h.prefix}:group`;
    // The group exists before any event, as it would in production: every event is for it.
    await ensureGroup(h.redis, stream, group);
    const inputs = Array.from({ length: TOTAL }, (_, n) => ({
      type: 'FixtureHappened' as const,
      aggregateId: `agg-${n % 97}`,
      data: { n },
    }));
    await h.db.transaction((tx) => publishEvents(tx, outbox, fixtureCatalogue, inputs, { name: 'fixture', stream }));
    const relay = createOutboxRelay({
      sql: h.sql,
      db: h.db,
      outbox,
      redis: h.redis,
      stream,
      logger: h.logger,
      metrics: h.metrics,
      batchSize: 1000,
    });
    await relay.start();
    await waitFor('the relay to fill the stream', async () => (await h.redis.xLen(stream)) >= TOTAL, 30_000);
    await relay.stop();
  }, 60_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await h.close();
  });

  function spawnConsumer(name: string): Subprocess {
    const child = Bun.spawn([process.execPath, consumerScript], {
      env: {
        ...process.env,
        DATABASE_URL: h.database.urlFor('bus_fixture'),
        REDIS_URL: h.redisUrl,
        STREAM: stream,
        GROUP: group,
        CONSUMER_NAME: name,
        CLAIM_IDLE_MS: String(CLAIM_IDLE_MS),
      },
      stdout: 'ignore',
      stderr: 'inherit',
    });
    children.push(child);
    return child;
  }

  const applied = async (): Promise<number> => {
    const [row] = await h.db.select({ count: sql<number>`count(*)::int` }).from(effects);
    return row?.count ?? 0;
  };

  it(`loses none of ${TOTAL} events and applies none twice across ${KILLS} SIGKILLs`, async () => {
    // Random kill points, spread out so each consumer gets to work before it dies.
    const killAt = Array.from({ length: KILLS }, (_, i) =>
      Math.floor(((i + 0.2 + Math.random() * 0.6) * TOTAL) / (KILLS + 1)),
    );
    for (const [index, threshold] of killAt.entries()) {
      const child = spawnConsumer(`consumer-${index}`);
      await waitFor(
        `consumer-${index} to apply ${threshold} events`,
        async () => (await applied()) >= threshold,
        30_000,
      );
      child.kill('SIGKILL');
      await child.exited;
      expect(child.signalCode).toBe('SIGKILL');
    }

    // A fresh consumer under a new name: it must XAUTOCLAIM what the dead ones left pending.
    const survivor = spawnConsumer('consumer-final');
    await waitFor(
      'every event to be applied and acknowledged',
      async () => (await applied()) >= TOTAL && (await h.redis.xPending(stream, group)).pending === 0,
      40_000,
    );
    survivor.kill('SIGTERM');
    expect(await survivor.exited).toBe(0);

    const [totals] = await h.db
      .select({ rows: sql<number>`count(*)::int`, events: sql<number>`count(distinct ${effects.eventId})::int` })
      .from(effects);
    expect(totals).toEqual({ rows: TOTAL, events: TOTAL });
    const doubles = await h.db
      .select({ eventId: effects.eventId, times: sql<number>`count(*)::int` })
      .from(effects)
      .groupBy(effects.eventId)
      .having(sql`count(*) > 1`);
    expect(doubles).toEqual([]);
    const [missing] = await h.db
      .select({ count: sql<number>`count(*)::int` })
      .from(outbox)
      .where(sql`not exists (select 1 from ${effects} where ${effects.eventId} = ${outbox.id})`);
    expect(missing?.count).toBe(0);
    const [inboxRows] = await h.db.select({ count: sql<number>`count(*)::int` }).from(inbox);
    expect(inboxRows?.count).toBe(TOTAL);
    // Every consumer did part of the work, so every kill really happened mid-stream.
    const workers = await h.db.selectDistinct({ consumer: effects.consumer }).from(effects);
    expect(workers).toHaveLength(KILLS + 1);
    expect(await h.redis.xLen(`${group}:dead-letter`)).toBe(0);
  }, 120_000);
});
