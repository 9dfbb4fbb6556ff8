import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer } from './consumer.ts';
import {
  appendEvent,
  type BusHarness,
  createBusHarness,
  createFixtureConsumer,
  metricValue,
  waitFor,
} from './testing/harness.ts';
import { effects, inbox } from './testing.ts';

describe('a consumer', () => {
  let h: BusHarness;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    h = await createBusHarness('bus consumer');
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop();
    await h.close();
  });

  /** A consumer that records each application in `effects`, tagged with a per-test label. */
  function recordingConsumer(label: string, overrides: Partial<Parameters<typeof createFixtureConsumer>[1]> = {}) {
    const consumer = createFixtureConsumer(h, {
      streams: [`${h.prefix}:${label}`],
      group: `${h.prefix}:${label}-group`,
      consumerName: `${label}-consumer`,
      handlers: {
        FixtureHappened: async (event, tx) => {
          await tx.insert(effects).values({ eventId: event.id, consumer: label });
        },
      },
      ...overrides,
    });
    consumers.push(consumer);
    return consumer;
  }

  const appliedBy = async (label: string): Promise<number> => {
    const [row] = await h.db
      .select({ count: sql<number>`count(*)::int` })
      .from(effects)
      .where(eq(effects.consumer, label));
    return row?.count ?? 0;
  };

  it('recreates its group when the stream or the group disappears, and keeps consuming', async () => {
    const stream = `${h.prefix}:vanishing`;
    const group = `${h.prefix}:vanishing-group`;
    await recordingConsumer('vanishing').start();
    await appendEvent(h, stream, { type: 'FixtureHappened', aggregateId: 'a', data: { n: 1 } });
    await waitFor('the first event', async () => (await appliedBy('vanishing')) === 1);

    await h.redis.del(stream);
    await appendEvent(h, stream, { type: 'FixtureHappened', aggregateId: 'a', data: { n: 2 } });
    await waitFor('an event after the stream was deleted', async () => (await appliedBy('vanishing')) === 2);

    await h.redis.xGroupDestroy(stream, group);
    await appendEvent(h, stream, { type: 'FixtureHappened', aggregateId: 'a', data: { n: 3 } });
    // The recreated group starts at 0 and sees event 2 again; the inbox turns that into a no-op.
    await waitFor('an event after the group was destroyed', async () => (await appliedBy('vanishing')) === 3);
    await waitFor('the replay to be acknowledged', async () => (await h.redis.xPending(stream, group)).pending === 0);
    expect(await appliedBy('vanishing')).toBe(3);
  });

  it('lets the entry in progress finish when stopped', async () => {
    const stream = `${h.prefix}:stopping`;
    const group = `${h.prefix}:stopping-group`;
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    const consumer = recordingConsumer('stopping', {
      handlers: {
        FixtureHappened: async (event, tx) => {
          started = true;
          await gate;
          await tx.insert(effects).values({ eventId: event.id, consumer: 'stopping' });
        },
      },
    });
    await consumer.start();
    expect(consumer.isRunning()).toBe(true);
    const { eventId } = await appendEvent(h, stream, { type: 'FixtureHappened', aggregateId: 'a', data: { n: 1 } });
    await waitFor('the handler to start', () => started);

    let stopped = false;
    const stopping = consumer.stop().then(() => {
      stopped = true;
    });
    await Bun.sleep(200);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(consumer.isRunning()).toBe(false);
    expect(await h.db.select().from(inbox).where(eq(inbox.eventId, eventId))).toHaveLength(1);
    expect((await h.redis.xPending(stream, group)).pending).toBe(0);
  });

  it('reclaims what a dead consumer left pending', async () => {
    const stream = `${h.prefix}:orphans`;
    const group = `${h.prefix}:orphans-group`;
    for (let n = 0; n < 5; n++) {
      await appendEvent(h, stream, { type: 'FixtureHappened', aggregateId: `a${n}`, data: { n } });
    }
    await h.redis.xGroupCreate(stream, group, '0');
    // A consumer that read everything and died before acknowledging anything.
    await h.redis.xReadGroup(group, 'ghost', { key: stream, id: '>' }, { COUNT: 5 });
    await recordingConsumer('orphans', { claimIdleMs: 300 }).start();
    await waitFor('the orphans to be reclaimed and applied', async () => (await appliedBy('orphans')) === 5);
    await waitFor('nothing pending', async () => (await h.redis.xPending(stream, group)).pending === 0);
  });

  it('acknowledges types it has no handler for without touching the inbox', async () => {
    const stream = `${h.prefix}:uninterested`;
    const group = `${h.prefix}:uninterested-group`;
    await recordingConsumer('uninterested').start();
    const { eventId } = await appendEvent(h, stream, {
      type: 'FixtureNoticed',
      aggregateId: 'a',
      data: { note: 'n/a' },
    });
    await waitFor('the entry to be acknowledged', async () => {
      const [info] = await h.redis.xInfoGroups(stream);
      return info?.lag === 0 && info.pending === 0;
    });
    expect(await h.db.select().from(inbox).where(eq(inbox.eventId, eventId))).toEqual([]);
    expect(
      await metricValue(h.registry, 'bus_events_handled_total', { group, type: 'FixtureNoticed', outcome: 'ignored' }),
    ).toBe(1);
  });

  it('reports lag and pending, and keeps one aggregate in order when handling concurrently', async () => {
    const stream = `${h.prefix}:ordered`;
    const group = `${h.prefix}:ordered-group`;
    for (let n = 0; n < 60; n++) {
      await appendEvent(h, stream, { type: 'FixtureHappened', aggregateId: `agg-${n % 3}`, data: { n } });
    }
    const seen = new Map<string, number[]>();
    const consumer = recordingConsumer('ordered', {
      concurrency: 4,
      batchSize: 20,
      handlers: {
        FixtureHappened: async (event, tx) => {
          // Uneven handler times would reorder an aggregate's events if it were not serialized.
          await Bun.sleep(Math.random() * 5);
          seen.set(event.aggregateId, [...(seen.get(event.aggregateId) ?? []), event.data.n]);
          await tx.insert(effects).values({ eventId: event.id, consumer: 'ordered' });
        },
      },
    });
    await h.redis.xGroupCreate(stream, group, '0');
    await consumer.start();
    await waitFor('every event', async () => (await appliedBy('ordered')) === 60);
    for (const ns of seen.values()) expect(ns).toEqual([...ns].sort((a, b) => a - b));
    await waitFor(
      'the lag gauges to settle',
      async () =>
        (await metricValue(h.registry, 'bus_consumer_lag', { stream, group })) === 0 &&
        (await metricValue(h.registry, 'bus_consumer_pending', { stream, group })) === 0,
    );
    const handled = await metricValue(h.registry, 'bus_events_handled_total', {
      group,
      type: 'FixtureHappened',
      outcome: 'handled',
    });
    expect(handled).toBe(60);
  });
});
