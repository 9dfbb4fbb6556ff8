import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeSchema } from './envelope.ts';
import { publishEvent, publishEvents } from './publish.ts';
import { createOutboxRelay, type OutboxRelay } from './relay.ts';
import { outboxChannel } from './tables.ts';
import { type BusHarness, createBusHarness, waitFor } from './testing/harness.ts';
import { fixtureCatalogue, outbox } from './testing.ts';

describe('publishing through the outbox', () => {
  let h: BusHarness;
  let relay: OutboxRelay;
  let stream: string;

  beforeAll(async () => {
    h = await createBusHarness('bus publish');
    stream = `${h.prefix}:events`;
    // A poll interval far beyond the test's waits: only a NOTIFY can wake this relay in time.
    relay = createOutboxRelay({
      sql: h.sql,
      db: h.db,
      outbox,
      redis: h.redis,
      stream,
      logger: h.logger,
      metrics: h.metrics,
      pollIntervalMs: 60_000,
    });
    await relay.start();
  });

  afterAll(async () => {
    await relay.stop();
    await h.close();
  });

  const producer = () => ({ name: 'fixture', stream });

  it('appends the event when its transaction commits, and not before', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let published = false;
    const transaction = h.db.transaction(async (tx) => {
      const envelope = await publishEvent(
        tx,
        outbox,
        fixtureCatalogue,
        { type: 'FixtureHappened', aggregateId: 'agg-1', data: { n: 1 }, traceId: 'trace-1' },
        producer(),
      );
      published = true;
      await held;
      return envelope;
    });
    await waitFor('the event to be written', () => published);
    await Bun.sleep(300);
    expect(await h.redis.xLen(stream)).toBe(0);

    release();
    const envelope = await transaction;
    const committedAt = Date.now();
    await waitFor('the relay to append the event', async () => (await h.redis.xLen(stream)) === 1, 3000);
    expect(Date.now() - committedAt).toBeLessThan(2000);

    const [entry] = (await h.redis.xRange(stream, '-', '+')) ?? [];
    const onStream = envelopeSchema.parse(JSON.parse(String(entry?.message.envelope)));
    expect(onStream).toEqual(envelope);
    expect(onStream).toMatchObject({ type: 'FixtureHappened', version: 1, producer: 'fixture', traceId: 'trace-1' });

    const [row] = await h.db
      .select({ sentAt: outbox.sentAt, kind: sql<string>`jsonb_typeof(${outbox.envelope})` })
      .from(outbox)
      .where(eq(outbox.id, envelope.id));
    expect(row?.sentAt).not.toBeNull();
    // Stored as a JSON object, not a JSON string holding JSON: operators can query it.
    expect(row?.kind).toBe('object');
  });

  it('never appends an event whose transaction rolled back', async () => {
    const before = await h.redis.xLen(stream);
    let eventId = '';
    await expect(
      h.db.transaction(async (tx) => {
        const envelope = await publishEvent(
          tx,
          outbox,
          fixtureCatalogue,
          { type: 'FixtureHappened', aggregateId: 'agg-2', data: { n: 2 } },
          producer(),
        );
        eventId = envelope.id;
        throw new Error('business rule failed after publishing');
      }),
    ).rejects.toThrow('business rule failed');

    // A later committed event proves the relay ran after the rollback and still skipped it.
    await h.db.transaction((tx) =>
      publishEvent(
        tx,
        outbox,
        fixtureCatalogue,
        { type: 'FixtureHappened', aggregateId: 'agg-3', data: { n: 3 } },
        producer(),
      ),
    );
    await waitFor('the committed event', async () => (await h.redis.xLen(stream)) === before + 1, 3000);
    await Bun.sleep(200);
    const entries = (await h.redis.xRange(stream, '-', '+')) ?? [];
    expect(entries).toHaveLength(before + 1);
    expect(entries.map((entry) => JSON.parse(String(entry.message.envelope)).id)).not.toContain(eventId);
    expect(await h.db.select().from(outbox).where(eq(outbox.id, eventId))).toEqual([]);
  });

  it('refuses a payload the catalogue rejects, failing the producer transaction', async () => {
    await expect(
      h.db.transaction((tx) =>
        publishEvent(
          tx,
          outbox,
          fixtureCatalogue,
          // @ts-expect-error n must be a number: the runtime check matters for untyped callers
          { type: 'FixtureHappened', aggregateId: 'agg-4', data: { n: 'four' } },
          producer(),
        ),
      ),
    ).rejects.toThrow();
  });

  it('notifies only when no other event of the stream is waiting, so busy producers do not serialize commits', async () => {
    // No relay feeds this stream: what one producer publishes stays unsent for the next.
    const quiet = { name: 'fixture', stream: `${h.prefix}:unrelayed` };
    const wakeUps: string[] = [];
    let markerSeen = false;
    const listening = await h.sql.listen(outboxChannel(outbox), (payload) => {
      if (payload === 'marker') markerSeen = true;
      else wakeUps.push(payload);
    });
    try {
      const publishOne = (n: number) =>
        h.db.transaction((tx) =>
          publishEvents(
            tx,
            outbox,
            fixtureCatalogue,
            [{ type: 'FixtureHappened', aggregateId: 'agg', data: { n } }],
            quiet,
          ),
        );
      await publishOne(1);
      await waitFor('the first event to wake the relay', () => wakeUps.length === 1);
      await publishOne(2);
      await publishOne(3);
      // Notifications arrive in commit order: once this marker is here, any wake-up from 2 or 3 would be too.
      await h.sql.notify(outboxChannel(outbox), 'marker');
      await waitFor('the marker', () => markerSeen);
      expect(wakeUps).toHaveLength(1);
    } finally {
      await listening.unlisten();
    }
  });
});
