import { afterAll, describe, expect, it } from 'vitest';
import { createTrackerClient, TrackerUnavailable } from './tracker-client.ts';

// A tracker answering whatever the test sets, over real HTTP: the client must check what it
// receives rather than trust it.
let reply: () => Response = () => Response.json({});
const requests: { authorization: string | null; body: { query: string; variables: Record<string, unknown> } }[] = [];
const server = Bun.serve({
  port: 0,
  hostname: '127.0.0.1',
  async fetch(request) {
    requests.push({ authorization: request.headers.get('authorization'), body: await request.json() });
    return reply();
  },
});
afterAll(() => server.stop(true));

const client = createTrackerClient({
  url: `http://127.0.0.1:${server.port}/graphql`,
  apiKey: 'id:secret',
  timeoutMs: 1_000,
});
const node = (code: string, time: string | null, description: string | null = '간선상차') => ({
  node: { time, status: { code, name: null }, description, location: { name: '대전HUB' } },
});

describe('the tracker.delivery client', () => {
  it('asks track(carrierId, trackingNumber) with the API key and reads events oldest first', async () => {
    reply = () =>
      Response.json({
        data: {
          track: {
            events: {
              edges: [node('AT_PICKUP', '2026-12-08T10:00:00+09:00'), node('IN_TRANSIT', '2026-12-08T18:00:00+09:00')],
            },
          },
        },
      });
    const events = await client.track('kr.cjlogistics', '640123456789');
    expect(events?.map((event) => [event.code, event.time.toISOString(), event.location])).toEqual([
      ['AT_PICKUP', '2026-12-08T01:00:00.000Z', '대전HUB'],
      ['IN_TRANSIT', '2026-12-08T09:00:00.000Z', '대전HUB'],
    ]);
    expect(requests.at(-1)?.authorization).toBe('TRACKQL-API-KEY id:secret');
    expect(requests.at(-1)?.body.variables).toEqual({ carrierId: 'kr.cjlogistics', trackingNumber: '640123456789' });
    expect(requests.at(-1)?.body.query).toContain('track(carrierId: $carrierId, trackingNumber: $trackingNumber)');
  });

  it('reads an unknown status code as UNKNOWN and skips events without a time', async () => {
    reply = () =>
      Response.json({
        data: {
          track: { events: { edges: [node('TELEPORTED', '2026-12-08T10:00:00Z'), node('IN_TRANSIT', null), null] } },
        },
      });
    expect((await client.track('kr.epost', '1234567890123'))?.map((event) => event.code)).toEqual(['UNKNOWN']);
  });

  it('answers null for a number the courier does not know yet', async () => {
    reply = () =>
      Response.json({ data: { track: null }, errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] });
    expect(await client.track('kr.lotte', '309900000000')).toBeNull();
  });

  it('turns outages, errors and odd replies into TrackerUnavailable', async () => {
    for (const answer of [
      () => new Response('down', { status: 503 }),
      () => new Response('<html>', { status: 200 }),
      () => Response.json({ errors: [{ message: 'boom', extensions: { code: 'INTERNAL' } }] }),
      () => Response.json({ data: { track: { events: { edges: 'nope' } } } }),
    ]) {
      reply = answer;
      await expect(client.track('kr.hanjin', '123456789012')).rejects.toBeInstanceOf(TrackerUnavailable);
    }
  });

  it('registers a webhook with registerTrackWebhook', async () => {
    reply = () => Response.json({ data: { registerTrackWebhook: true } });
    await client.registerWebhook(
      'kr.logen',
      '12345678901',
      'https://shop.test/api/logistics/v1/webhooks/tracker',
      new Date('2026-12-22T00:00:00Z'),
    );
    expect(requests.at(-1)?.body.variables).toEqual({
      input: {
        carrierId: 'kr.logen',
        trackingNumber: '12345678901',
        callbackUrl: 'https://shop.test/api/logistics/v1/webhooks/tracker',
        expirationTime: '2026-12-22T00:00:00.000Z',
      },
    });
  });
});
