import { isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer } from './consumer.ts';
import { publishEvent, publishEvents } from './publish.ts';
import { createOutboxRelay, type OutboxRelay } from './relay.ts';
import { type BusHarness, createBusHarness, createFixtureConsumer, metricValue, waitFor } from './testing/harness.ts';
import { effects, fixtureCatalogue, inbox, outbox } from './testing.ts';

describe('the outbox relay', () => {
  let h: BusHarness;
  const running: (OutboxRelay | Consumer)[] = [];

  beforeAll(async () => {
    h = await createBusHarness('bus relay');
  });

  afterAll(async () => {
    for (const component of running) await component.stop();
    await h.close();
  });

  const relayFor = (stream: string, overrides: Partial<Parameters<typeof createOutboxRelay>[0]> = {}) => {
    const relay = createOutboxRelay({
      sql: h.sql,
      db: h.db,
      outbox,
      redis: h.redis,
      stream,
      logger: h.logger,
      metrics: h.metrics,
      pollIntervalMs: 100,
      ...overrides,
    });
    running.push(relay);
    return relay;
  };

  it('re-sends after a crash between XADD and mark-sent, and the inbox applies the event once', async () => {
    const stream = `${h.prefix}:crash`;
    const group = `${h.prefix}:crash-group`;
    let crashes = 0;
    const relay = relayFor(stream, {
      beforeMarkSent: () => {
        if (crashes++ === 0) throw new Error('relay died after XADD');
      },
    });
    const consumer = createFixtureConsumer(h, {
      streams: [stream],
      group,
      consumerName: 'c1',
      handlers: {
        FixtureHappened: async (event, tx) => {
          await tx.insert(effects).values({ eventId: event.id, consumer: 'c1' });
        },
      },
    });
    running.push(consumer);
    await consumer.start();
    await relay.start();

    const envelope = await h.db.transaction((tx) =>
      publishEvent(
        tx,
        outbox,
        fixtureCatalogue,
        { type: 'FixtureHappened', aggregateId: 'agg', data: { n: 1 } },
        { name: 'fixture', stream },
      ),
    );

    await waitFor('the re-send', async () => (await h.redis.xLen(stream)) === 2);
    const copies = ((await h.redis.xRange(stream, '-', '+')) ?? []).map(
      (entry) => JSON.parse(String(entry.message.envelope)).id,
    );
    expect(copies).toEqual([envelope.id, envelope.id]);
    await waitFor('both copies to be acknowledged', async () => {
      const [info] = await h.redis.xInfoGroups(stream);
      return info?.pending === 0 && info['last-delivered-id'] !== '0-0' && info.lag === 0;
    });
    const applied = await h.db.select().from(effects).where(sql`${effects.eventId} = ${envelope.id}`);
    expect(applied).toHaveLength(1);
    expect(await h.db.select().from(inbox).where(sql`${inbox.eventId} = ${envelope.id}`)).toHaveLength(1);
    expect(await metricValue(h.registry, 'bus_events_handled_total', { group, outcome: 'duplicate' })).toBe(1);
    expect(await h.db.select().from(outbox).where(isNull(outbox.sentAt))).toEqual([]);
  });

  it('never sends a row twice when two replicas relay the same outbox', async () => {
    const stream = `${h.prefix}:replicas`;
    await relayFor(stream, { batchSize: 25 }).start();
    await relayFor(stream, { batchSize: 25 }).start();
    const producer = { name: 'fixture', stream };
    // Many small transactions, so both replicas get woken while the other is mid-batch.
    const published: string[] = [];
    for (let batch = 0; batch < 20; batch++) {
      const envelopes = await h.db.transaction((tx) =>
        publishEvents(
          tx,
          outbox,
          fixtureCatalogue,
          Array.from({ length: 25 }, (_, i) => ({
            type: 'FixtureHappened' as const,
            aggregateId: 'agg',
            data: { n: batch * 25 + i },
          })),
          producer,
        ),
      );
      published.push(...envelopes.map((envelope) => envelope.id));
    }
    await waitFor('every row to be sent', async () => {
      const [row] = await h.db.select({ unsent: sql<number>`count(*)::int` }).from(outbox).where(isNull(outbox.sentAt));
      return row?.unsent === 0;
    });
    const sent = ((await h.redis.xRange(stream, '-', '+')) ?? []).map(
      (entry) => JSON.parse(String(entry.message.envelope)).id,
    );
    // Exactly once each, and in publishing order (the replicas never interleave batches).
    expect(sent).toEqual(published);
    // Both replicas report into one registry here. The one that lost the lock counts the
    // outbox, and its count may finish after the winner's last pass set the gauge to 0, so
    // the gauge may be one pass stale; it must settle at 0 on that replica's next pass.
    await waitFor(
      'the backlog gauge to settle at 0',
      async () => (await metricValue(h.registry, 'bus_outbox_unsent', { stream })) === 0,
      3000,
    );
  });

  it('falls back to polling when no notification arrives', async () => {
    const stream = `${h.prefix}:deaf`;
    // Listening on a channel nobody notifies: only the poll can find the row.
    await relayFor(stream, {
      channel: `${h.prefix.replaceAll(/[^a-z0-9]/g, '_')}_nobody`,
      pollIntervalMs: 200,
    }).start();
    await h.db.transaction((tx) =>
      publishEvent(
        tx,
        outbox,
        fixtureCatalogue,
        { type: 'FixtureHappened', aggregateId: 'agg', data: { n: 1 } },
        { name: 'fixture', stream },
      ),
    );
    await waitFor('the poll to send the row', async () => (await h.redis.xLen(stream)) === 1, 2000);
  });
});
