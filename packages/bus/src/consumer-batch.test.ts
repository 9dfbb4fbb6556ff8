import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer } from './consumer.ts';
import { ENVELOPE_FIELD } from './envelope.ts';
import type { FixtureDb } from './testing/harness.ts';
import {
  appendEvent,
  type BusHarness,
  createBusHarness,
  createFixtureConsumer,
  metricValue,
  waitFor,
} from './testing/harness.ts';
import { effects, inbox } from './testing.ts';

/** The id of the transaction a handler runs in, to tell which events were applied together. */
async function transactionId(tx: Pick<FixtureDb, 'execute'>): Promise<string> {
  const [row] = await tx.execute<{ id: string }>(sql`select txid_current()::text as id`);
  return row?.id ?? '';
}

describe('a consumer applying a read batch in one transaction', () => {
  let h: BusHarness;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    h = await createBusHarness('bus consumer batch');
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop();
    await h.close();
  });

  /** Events applied under `label` (one row per application). */
  const appliedEvents = async (label: string) =>
    (await h.db.select({ eventId: effects.eventId }).from(effects).where(eq(effects.consumer, label))).map(
      (row) => row.eventId,
    );

  /** Appends everything before the consumer starts, so its first read returns it all in one batch. */
  async function prefill(stream: string, group: string, inputs: { aggregateId: string; n: number; fail?: boolean }[]) {
    await h.redis.xGroupCreate(stream, group, '0', { MKSTREAM: true });
    const appended: { streamId: string; eventId: string }[] = [];
    for (const { aggregateId, n, fail } of inputs) {
      appended.push(
        await appendEvent(h, stream, {
          type: 'FixtureHappened',
          aggregateId,
          data: fail ? { n, fail } : { n },
        }),
      );
    }
    return appended;
  }

  it('applies the healthy neighbours of a throwing event exactly once, and retries then dead-letters only that one', async () => {
    const label = 'poisoned-batch';
    const stream = `${h.prefix}:${label}`;
    const group = `${stream}-group`;
    const deadLetterStream = `${stream}:dlq`;
    const events = await prefill(
      stream,
      group,
      Array.from({ length: 9 }, (_, n) => ({ aggregateId: `agg-${n}`, n, fail: n === 4 })),
    );
    const poison = events[4];
    const poisonCalls: number[] = [];
    const calls = new Map<number, number>();
    const consumer = createFixtureConsumer(h, {
      streams: [stream],
      group,
      consumerName: 'c1',
      deadLetterStream,
      batchSize: 20,
      maxAttempts: 3,
      backoff: () => 100,
      // Far beyond the test: retries must come from the backoff schedule, not from reclaiming.
      claimIdleMs: 60_000,
      handlers: {
        FixtureHappened: async (event, tx) => {
          calls.set(event.data.n, (calls.get(event.data.n) ?? 0) + 1);
          // Written before throwing, so a batch that failed to roll back would leave it behind.
          await tx.insert(effects).values({ eventId: event.id, consumer: label });
          if (event.data.fail) {
            poisonCalls.push(Date.now());
            throw new Error(`cannot apply event ${event.data.n}`);
          }
        },
      },
    });
    consumers.push(consumer);
    await consumer.start();

    await waitFor('the poison event to be dead-lettered', async () => (await h.redis.xLen(deadLetterStream)) === 1);
    // The batch's failure was the first of its three deliveries, not an extra handler call.
    expect(poisonCalls).toHaveLength(3);
    const [letter] = (await h.redis.xRange(deadLetterStream, '-', '+')) ?? [];
    expect(letter?.message).toMatchObject({
      reason: 'handler-failed',
      originalId: poison?.streamId,
      attempts: '3',
    });
    expect((await appliedEvents(label)).sort()).toEqual(
      events
        .filter((_, n) => n !== 4)
        .map((event) => event.eventId)
        .sort(),
    );
    expect(
      await h.db
        .select()
        .from(inbox)
        .where(eq(inbox.eventId, poison?.eventId ?? '')),
    ).toEqual([]);
    await waitFor('nothing pending', async () => (await h.redis.xPending(stream, group)).pending === 0);
    expect(
      await metricValue(h.registry, 'bus_events_handled_total', { group, type: 'FixtureHappened', outcome: 'handled' }),
    ).toBe(8);
  });

  it('applies a batch holding an already applied event and a re-sent copy once per event, in one transaction', async () => {
    const label = 'duplicates';
    const stream = `${h.prefix}:${label}`;
    const group = `${stream}-group`;
    const events = await prefill(
      stream,
      group,
      Array.from({ length: 6 }, (_, n) => ({ aggregateId: `agg-${n % 2}`, n })),
    );
    const [alreadyApplied, resent] = events;
    // An earlier delivery applied this one and died before XACK; the relay sent that one twice.
    await h.db.insert(inbox).values({ consumerGroup: group, eventId: alreadyApplied?.eventId ?? '' });
    const copy = ((await h.redis.xRange(stream, resent?.streamId ?? '-', resent?.streamId ?? '+')) ?? [])[0];
    await h.redis.xAdd(stream, '*', { [ENVELOPE_FIELD]: String(copy?.message[ENVELOPE_FIELD]) });
    const seen: number[] = [];
    const transactions = new Set<string>();
    const consumer = createFixtureConsumer(h, {
      streams: [stream],
      group,
      consumerName: 'c1',
      batchSize: 20,
      handlers: {
        FixtureHappened: async (event, tx) => {
          seen.push(event.data.n);
          transactions.add(await transactionId(tx));
          await tx.insert(effects).values({ eventId: event.id, consumer: label });
        },
      },
    });
    consumers.push(consumer);
    await consumer.start();

    await waitFor('every entry to be acknowledged', async () => {
      const [info] = await h.redis.xInfoGroups(stream);
      return info?.lag === 0 && info.pending === 0;
    });
    expect((await appliedEvents(label)).sort()).toEqual(
      events
        .slice(1)
        .map((event) => event.eventId)
        .sort(),
    );
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(transactions.size).toBe(1);
    expect(
      await metricValue(h.registry, 'bus_events_handled_total', {
        group,
        type: 'FixtureHappened',
        outcome: 'duplicate',
      }),
    ).toBe(2);
    const [inboxRows] = await h.db
      .select({ count: sql<number>`count(*)::int` })
      .from(inbox)
      .where(eq(inbox.consumerGroup, group));
    expect(inboxRows?.count).toBe(6);
  });

  it('splits a batch by aggregate into `concurrency` transactions, each aggregate in stream order', async () => {
    const label = 'split';
    const stream = `${h.prefix}:${label}`;
    const group = `${stream}-group`;
    await prefill(
      stream,
      group,
      Array.from({ length: 40 }, (_, n) => ({ aggregateId: `agg-${n % 8}`, n })),
    );
    const seen = new Map<string, number[]>();
    const transactions = new Set<string>();
    const consumer = createFixtureConsumer(h, {
      streams: [stream],
      group,
      consumerName: 'c1',
      batchSize: 40,
      concurrency: 3,
      handlers: {
        FixtureHappened: async (event, tx) => {
          // Uneven handler times would reorder an aggregate's events if it spanned transactions.
          await Bun.sleep(Math.random() * 3);
          seen.set(event.aggregateId, [...(seen.get(event.aggregateId) ?? []), event.data.n]);
          transactions.add(await transactionId(tx));
          await tx.insert(effects).values({ eventId: event.id, consumer: label });
        },
      },
    });
    consumers.push(consumer);
    await consumer.start();

    await waitFor('every event', async () => (await appliedEvents(label)).length === 40);
    expect(seen.size).toBe(8);
    for (const ns of seen.values()) expect(ns).toEqual([...ns].sort((a, b) => a - b));
    expect(transactions.size).toBe(3);
  });
});
