import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_TEST_SECRET, startRecordingServices, startTestEdge } from './edge.fixture.ts';

interface Answer {
  service: string;
  path: string;
  served: number;
}

// Every stand-in answers `Cache-Control: public`, so the edge keeps whatever it may; the
// question is only under which key.
describe('the edge cache key', () => {
  const services = startRecordingServices(['catalog', 'identity', 'storefront']);
  let edge: Awaited<ReturnType<typeof startTestEdge>>;

  beforeAll(async () => {
    edge = await startTestEdge(services.ports);
  });
  afterAll(async () => {
    await edge.stop();
    await services.stop();
  });

  const get = async (path: string) => {
    const response = await fetch(`${edge.url}${path}`);
    return { cache: response.headers.get('x-cache'), body: (await response.json()) as Answer };
  };

  it('is the URL the client sent: one path under each prefix is three objects, each from its own service', async () => {
    // Any order must hold, so each prefix in turn goes first.
    for (const [index, order] of [
      ['/api/catalog', '/api/identity', ''],
      ['/api/identity', '', '/api/catalog'],
      ['', '/api/catalog', '/api/identity'],
    ].entries()) {
      const path = `/v1/shared-${index}`;
      for (const prefix of order) {
        const first = await get(`${prefix}${path}`);
        expect(first.cache).toBe('miss');
        expect(first.body).toMatchObject({ service: prefix.slice(5) || 'storefront', path });
      }
      for (const prefix of order) {
        const again = await get(`${prefix}${path}`);
        expect(again.cache).toBe('hit');
        expect(again.body.service).toBe(prefix.slice(5) || 'storefront');
      }
    }
  });

  it('keeps /api/<svc> and /api/<svc>/ apart from the shop root', async () => {
    const root = await get('/');
    const bare = await get('/api/catalog');
    const slash = await get('/api/catalog/');
    expect(root.body.service).toBe('storefront');
    expect(bare.body).toMatchObject({ service: 'catalog', path: '/' });
    expect(bare.cache).toBe('miss');
    expect(slash.body.service).toBe('catalog');
  });

  it('still purges the shop by surrogate key, and only the tagged objects', async () => {
    await get('/api/catalog/v1/purged');
    await get('/v1/purged');
    expect(await purge(edge.port, 'storefront-key')).toBe(200);
    expect((await get('/v1/purged')).cache).toBe('miss');
    expect((await get('/api/catalog/v1/purged')).cache).toBe('hit');
  });
});

function purge(port: number, keys: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: '127.0.0.1',
        port,
        path: '/',
        method: 'PURGE',
        headers: { 'xkey-purge': keys, 'x-purge-secret': EDGE_TEST_SECRET },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    call.on('error', reject);
    call.end();
  });
}
