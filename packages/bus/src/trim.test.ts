import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureGroup } from './consumer-groups.ts';
import { entriesOfRead } from './stream-entries.ts';
import { type BusHarness, createBusHarness, metricValue, waitFor } from './testing/harness.ts';
import { startStreamTrimmer, trimStream } from './trim.ts';

describe('trimming streams behind the slowest group', () => {
  let h: BusHarness;

  beforeAll(async () => {
    h = await createBusHarness('bus trim');
  });

  afterAll(async () => {
    await h.close();
  });

  async function appendMany(stream: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let n = 0; n < count; n++) ids.push(await h.redis.xAdd(stream, '*', { n: String(n) }));
    return ids;
  }

  async function read(stream: string, group: string, count: number): Promise<string[]> {
    const reply = await h.redis.xReadGroup(group, 'reader', { key: stream, id: '>' }, { COUNT: count });
    return entriesOfRead(reply).map((entry) => entry.id);
  }

  async function remaining(stream: string): Promise<string[]> {
    return ((await h.redis.xRange(stream, '-', '+')) ?? []).map((entry) => entry.id);
  }

  it('keeps every entry a group has not acknowledged or not yet read', async () => {
    const stream = `${h.prefix}:two-groups`;
    const ids = await appendMany(stream, 30);
    await ensureGroup(h.redis, stream, 'fast');
    await ensureGroup(h.redis, stream, 'slow');
    await h.redis.xAck(stream, 'fast', await read(stream, 'fast', 30));
    const slowRead = await read(stream, 'slow', 20);
    const unacknowledged = slowRead.slice(5, 7);
    await h.redis.xAck(
      stream,
      'slow',
      slowRead.filter((id) => !unacknowledged.includes(id)),
    );

    const first = await trimStream(h.redis, stream);
    expect(first).toEqual({ minId: unacknowledged[0], trimmed: 5 });
    expect(await remaining(stream)).toEqual(ids.slice(5));

    // Once acknowledged, the slow group needs only what it has not read yet.
    await h.redis.xAck(stream, 'slow', unacknowledged);
    const second = await trimStream(h.redis, stream);
    expect(second.minId).toBe(ids[19]);
    const left = await remaining(stream);
    expect(left).toEqual(ids.slice(19));
    // The unread entries are all still there for the slow group.
    expect(await read(stream, 'slow', 100)).toEqual(ids.slice(20));
  });

  it('does not trim past a group that has read nothing', async () => {
    const stream = `${h.prefix}:idle-group`;
    await appendMany(stream, 10);
    await ensureGroup(h.redis, stream, 'busy');
    await h.redis.xAck(stream, 'busy', await read(stream, 'busy', 10));
    await ensureGroup(h.redis, stream, 'idle');
    expect(await trimStream(h.redis, stream)).toEqual({ minId: null, trimmed: 0 });
    expect(await h.redis.xLen(stream)).toBe(10);
  });

  it('leaves streams without groups, and missing streams, alone', async () => {
    const stream = `${h.prefix}:no-groups`;
    await appendMany(stream, 10);
    expect(await trimStream(h.redis, stream)).toEqual({ minId: null, trimmed: 0 });
    expect(await h.redis.xLen(stream)).toBe(10);
    expect(await trimStream(h.redis, `${h.prefix}:missing`)).toEqual({ minId: null, trimmed: 0 });
  });

  it('trims periodically and counts what it removed', async () => {
    const stream = `${h.prefix}:periodic`;
    const ids = await appendMany(stream, 10);
    await ensureGroup(h.redis, stream, 'g');
    await h.redis.xAck(stream, 'g', await read(stream, 'g', 10));
    const trimmer = startStreamTrimmer({
      redis: h.redis,
      streams: [stream],
      intervalMs: 50,
      logger: h.logger,
      metrics: h.metrics,
    });
    try {
      await waitFor(
        'a periodic trim',
        async () => (await metricValue(h.registry, 'bus_stream_entries_trimmed_total', { stream })) === 9,
      );
    } finally {
      await trimmer.stop();
    }
    expect(await remaining(stream)).toEqual(ids.slice(9));
  });
});
