import { Invalid, NotFound, newId } from '@fruitables/core';
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

describe('dead letters', () => {
  let h: BusHarness;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    h = await createBusHarness('bus dead letter');
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop();
    await h.close();
  });

  const appliedCount = async (): Promise<number> => {
    const [row] = await h.db.select({ count: sql<number>`count(*)::int` }).from(effects);
    return row?.count ?? 0;
  };

  it('parks an event whose handler always throws after maxAttempts, while the events behind it flow', async () => {
    const stream = `${h.prefix}:always-throws`;
    const group = `${h.prefix}:always-throws-group`;
    const deadLetterStream = `${stream}:dlq`;
    const attempts: number[] = [];
    const consumer = createFixtureConsumer(h, {
      streams: [stream],
      group,
      consumerName: 'c1',
      deadLetterStream,
      maxAttempts: 3,
      backoff: () => 300,
      // Far beyond the test: retries must come from the backoff schedule, not from reclaiming.
      claimIdleMs: 60_000,
      handlers: {
        FixtureHappened: async (event, tx) => {
          if (event.data.fail) {
            attempts.push(Date.now());
            throw new Error(`cannot apply event ${event.data.n}`);
          }
          await tx.insert(effects).values({ eventId: event.id, consumer: 'c1' });
        },
      },
    });
    consumers.push(consumer);
    await consumer.start();

    const poison = await appendEvent(h, stream, {
      type: 'FixtureHappened',
      aggregateId: 'poison',
      data: { n: 0, fail: true },
    });
    for (let n = 1; n <= 20; n++) {
      await appendEvent(h, stream, { type: 'FixtureHappened', aggregateId: `agg-${n}`, data: { n } });
    }

    await waitFor('the 20 healthy events', async () => (await appliedCount()) === 20);
    // They got through while the poison event was still waiting for its retries.
    expect(await h.redis.xLen(deadLetterStream)).toBe(0);

    await waitFor('the poison event to be dead-lettered', async () => (await h.redis.xLen(deadLetterStream)) === 1);
    expect(attempts).toHaveLength(3);
    const [letter] = (await h.redis.xRange(deadLetterStream, '-', '+')) ?? [];
    expect(letter?.message).toMatchObject({
      reason: 'handler-failed',
      error: 'cannot apply event 0',
      originalStream: stream,
      originalId: poison.streamId,
      group,
      consumer: 'c1',
      attempts: '3',
    });
    expect(JSON.parse(String(letter?.message.envelope)).id).toBe(poison.eventId);
    await waitFor('nothing pending', async () => (await h.redis.xPending(stream, group)).pending === 0);
    // The failed attempts rolled back their inbox rows too, so a re-drive would run the handler.
    expect(await h.db.select().from(inbox).where(eq(inbox.eventId, poison.eventId))).toEqual([]);
    expect(await metricValue(h.registry, 'bus_dead_lettered_total', { group, reason: 'handler-failed' })).toBe(1);
    expect(await metricValue(h.registry, 'bus_handler_failures_total', { group, type: 'FixtureHappened' })).toBe(3);

    // And the stream keeps moving after the dead letter.
    await appendEvent(h, stream, { type: 'FixtureHappened', aggregateId: 'late', data: { n: 21 } });
    await waitFor('an event after the dead letter', async () => (await appliedCount()) === 21);
  });

  it('dead-letters unknown types, unknown versions and malformed envelopes or payloads', async () => {
    const stream = `${h.prefix}:invalid`;
    const group = `${h.prefix}:invalid-group`;
    const deadLetterStream = `${stream}:dlq`;
    const handled: string[] = [];
    const consumer = createFixtureConsumer(h, {
      streams: [stream],
      group,
      consumerName: 'c1',
      deadLetterStream,
      handlers: {
        FixtureHappened: async (event) => {
          handled.push(event.id);
        },
        FixtureNoticed: async (event) => {
          handled.push(event.id);
        },
      },
    });
    consumers.push(consumer);
    await consumer.start();

    const base = {
      occurredAt: new Date().toISOString(),
      producer: 'somebody-else',
      aggregateId: 'agg',
    };
    const bad: [reason: string, fields: Record<string, string>][] = [
      [
        'unknown-type',
        { envelope: JSON.stringify({ ...base, id: newId(), type: 'NoSuchEvent', version: 1, data: {} }) },
      ],
      [
        'unknown-version',
        { envelope: JSON.stringify({ ...base, id: newId(), type: 'FixtureHappened', version: 2, data: { n: 1 } }) },
      ],
      [
        'invalid-data',
        { envelope: JSON.stringify({ ...base, id: newId(), type: 'FixtureHappened', version: 1, data: { n: 'one' } }) },
      ],
      [
        'invalid-data',
        { envelope: JSON.stringify({ ...base, id: newId(), type: 'FixtureNoticed', version: 2, data: {} }) },
      ],
      [
        'invalid-envelope',
        {
          envelope: JSON.stringify({ ...base, id: 'not-a-uuid', type: 'FixtureHappened', version: 1, data: { n: 1 } }),
        },
      ],
      ['malformed-json', { envelope: '{"id": ' }],
      ['missing-envelope', { payload: 'something else entirely' }],
    ];
    for (const [, fields] of bad) await h.redis.xAdd(stream, '*', fields);
    const good = await appendEvent(h, stream, { type: 'FixtureNoticed', aggregateId: 'agg', data: { note: 'fine' } });

    await waitFor(
      'every bad entry to be dead-lettered',
      async () => (await h.redis.xLen(deadLetterStream)) === bad.length,
    );
    await waitFor('the good event to be handled', () => handled.length === 1);
    expect(handled).toEqual([good.eventId]);
    const letters = (await h.redis.xRange(deadLetterStream, '-', '+')) ?? [];
    expect(letters.map((letter) => letter.message.reason)).toEqual(bad.map(([reason]) => reason));
    // Validation failures are not retried: nothing a retry could change.
    expect(letters.every((letter) => letter.message.attempts === '1')).toBe(true);
    expect(JSON.parse(String(letters.at(-1)?.message.originalFields))).toEqual({ payload: 'something else entirely' });
    await waitFor('nothing pending', async () => (await h.redis.xPending(stream, group)).pending === 0);
  });

  it('dead-letters at once an event its handler rejects, but retries one that names something not there yet', async () => {
    const stream = `${h.prefix}:rejected`;
    const group = `${h.prefix}:rejected-group`;
    const deadLetterStream = `${stream}:dlq`;
    const attempts = new Map<number, number>();
    const applied = await appliedCount();
    const consumer = createFixtureConsumer(h, {
      streams: [stream],
      group,
      consumerName: 'c1',
      deadLetterStream,
      maxAttempts: 3,
      backoff: () => 100,
      claimIdleMs: 60_000,
      handlers: {
        FixtureHappened: async (event, tx) => {
          attempts.set(event.data.n, (attempts.get(event.data.n) ?? 0) + 1);
          // n 1: content the handler can never accept; n 2: refers to something that arrives later.
          if (event.data.n === 1) throw new Invalid('This lot code cannot exist.', 'lot_code_invalid');
          if (event.data.n === 2 && (attempts.get(2) ?? 0) < 2)
            throw new NotFound('No such farm yet.', 'farm_not_found');
          await tx.insert(effects).values({ eventId: event.id, consumer: 'c1' });
        },
      },
    });
    consumers.push(consumer);
    await consumer.start();

    const rejected = await appendEvent(h, stream, { type: 'FixtureHappened', aggregateId: 'a', data: { n: 1 } });
    await appendEvent(h, stream, { type: 'FixtureHappened', aggregateId: 'b', data: { n: 2 } });

    await waitFor('the rejected event to be dead-lettered', async () => (await h.redis.xLen(deadLetterStream)) === 1);
    await waitFor('the late event to apply on its retry', async () => (await appliedCount()) === 1 + applied);
    const [letter] = (await h.redis.xRange(deadLetterStream, '-', '+')) ?? [];
    expect(letter?.message).toMatchObject({
      reason: 'handler-rejected',
      error: 'invalid lot_code_invalid: This lot code cannot exist.',
      originalId: rejected.streamId,
      attempts: '1',
    });
    expect(attempts.get(1)).toBe(1);
    expect(attempts.get(2)).toBe(2);
    expect(await metricValue(h.registry, 'bus_dead_lettered_total', { group, reason: 'handler-rejected' })).toBe(1);
    await waitFor('nothing pending', async () => (await h.redis.xPending(stream, group)).pending === 0);
  });
});
