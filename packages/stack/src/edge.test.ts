import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge, stopEdge } from './edge.ts';
import { pickPort } from './ports.ts';

// The real Varnish with the project's VCL in front of a real HTTP service.
describe('the edge (Varnish with the project VCL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fruitables-edge-'));
  const seen: { path: string; prefix: string | null; routedHeader: string | null }[] = [];
  let edge = '';
  let hits = 0;
  const backend = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(request) {
      const url = new URL(request.url);
      seen.push({
        path: url.pathname + url.search,
        prefix: request.headers.get('x-forwarded-prefix'),
        routedHeader: request.headers.get('x-fruitables-routed'),
      });
      hits++;
      const cacheable = url.pathname === '/v1/public';
      return Response.json(
        { path: url.pathname, hits },
        { headers: { 'cache-control': cacheable ? 'public, max-age=60' : 'no-store' } },
      );
    },
  });

  beforeAll(async () => {
    const port = await pickPort(38080);
    const deadPort = await pickPort(39080);
    await startEdge(dir, port, { shop: backend.port ?? 0, gone: deadPort }, { purgeSecret: 'test-secret-0123456789' });
    edge = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await stopEdge(dir);
    await backend.stop(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('routes /api/<service>/… to that service with the prefix stripped and announced', async () => {
    const response = await fetch(`${edge}/api/shop/v1/things?page=2`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ path: '/v1/things' });
    expect(seen.at(-1)).toEqual({ path: '/v1/things?page=2', prefix: '/api/shop', routedHeader: null });
  });

  it('maps the bare prefix to the service root', async () => {
    await fetch(`${edge}/api/shop?x=1`);
    expect(seen.at(-1)?.path).toBe('/?x=1');
  });

  it('answers an unknown service with a problem+json 404', async () => {
    const response = await fetch(`${edge}/api/nowhere/v1/things`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('never routes internal or metrics endpoints from outside', async () => {
    const before = seen.length;
    for (const path of ['/api/shop/internal/holds', '/api/shop/metrics', '/api/shop/internal?x']) {
      expect((await fetch(`${edge}${path}`)).status).toBe(404);
    }
    expect(seen.length).toBe(before);
  });

  it('does not let a client pick a backend by sending the routing header', async () => {
    const response = await fetch(`${edge}/api/nowhere/x`, { headers: { 'x-fruitables-routed': '1' } });
    expect(response.status).toBe(404);
  });

  it('answers 503 problem+json when the service is down', async () => {
    const response = await fetch(`${edge}/api/gone/v1/things`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'service_unavailable' });
  });

  it('caches only what a service marks public, and never personal requests', async () => {
    const first = await (await fetch(`${edge}/api/shop/v1/public`)).json();
    const second = await fetch(`${edge}/api/shop/v1/public`);
    expect(second.headers.get('x-cache')).toBe('hit');
    expect((await second.json()).hits).toBe(first.hits);

    const a = await (await fetch(`${edge}/api/shop/v1/private`)).json();
    const b = await (await fetch(`${edge}/api/shop/v1/private`)).json();
    expect(b.hits).toBeGreaterThan(a.hits);

    const withToken = await fetch(`${edge}/api/shop/v1/public`, { headers: { authorization: 'Bearer x' } });
    expect(withToken.headers.get('x-cache')).toBe('miss');
  });
});
