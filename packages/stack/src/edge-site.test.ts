import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeVclDir, startEdge, stopEdge } from './edge.ts';
import { pickPort } from './ports.ts';
import { run, sleep } from './shell.ts';

const SECRET = 'purge-secret-for-this-test-0123456789';

/** A stand-in for the storefront origin: pages tagged with surrogate keys, versions tests can bump. */
function startOrigin(ttlSeconds: number) {
  const versions = new Map<string, number>();
  const requests: { path: string; cookie: string | null }[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(req) {
      const path = new URL(req.url).pathname;
      requests.push({ path, cookie: req.headers.get('cookie') });
      if (path === '/healthz') return Response.json({ status: 'ok' });
      const name = path.split('/')[2] ?? 'home';
      return new Response(`<!doctype html><p>${name} v${versions.get(name) ?? 1}</p>`, {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': `public, max-age=60, s-maxage=${ttlSeconds}, stale-while-revalidate=60`,
          xkey: `site page-${name}`,
        },
      });
    },
  });
  return {
    port: server.port ?? 0,
    requests,
    bump: (name: string) => versions.set(name, (versions.get(name) ?? 1) + 1),
    stop: () => server.stop(true),
  };
}

async function startTestEdge(originPort: number) {
  const dir = mkdtempSync(join(tmpdir(), 'fruitables-edge-site-'));
  const port = await pickPort(38380);
  await startEdge(dir, port, { storefront: originPort }, { purgeSecret: SECRET });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      await stopEdge(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PURGE from a chosen local address (127.0.0.2 is "the public": not in the purge ACL). */
function purge(port: number, keys: string, options: { secret?: string; from?: string } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { 'xkey-purge': keys };
    if (options.secret) headers['x-purge-secret'] = options.secret;
    const call = request(
      { host: '127.0.0.1', port, path: '/', method: 'PURGE', headers, localAddress: options.from ?? '127.0.0.1' },
      (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    call.on('error', reject);
    call.end();
  });
}

const page = async (url: string, init?: RequestInit) => {
  const response = await fetch(url, init);
  return { response, body: await response.text() };
};

describe('the edge in front of the storefront', () => {
  const origin = startOrigin(86_400);
  let edge: Awaited<ReturnType<typeof startTestEdge>>;

  beforeAll(async () => {
    edge = await startTestEdge(origin.port);
  });
  afterAll(async () => {
    await edge.stop();
    origin.stop();
  });

  it('caches a storefront page: the second request is a hit, and the surrogate keys stay inside', async () => {
    const first = await page(`${edge.url}/pages/cached/`);
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('x-cache')).toBe('miss');
    const second = await page(`${edge.url}/pages/cached/`);
    expect(second.response.headers.get('x-cache')).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.response.headers.get('xkey')).toBeNull();
    expect(origin.requests.filter((r) => r.path === '/pages/cached/')).toHaveLength(1);
  });

  it('never passes cookies to the origin or splits the cache by them', async () => {
    await page(`${edge.url}/pages/cookie/`);
    const withCookie = await page(`${edge.url}/pages/cookie/`, { headers: { cookie: 'session=abc' } });
    expect(withCookie.response.headers.get('x-cache')).toBe('hit');
    expect(origin.requests.every((r) => r.cookie === null)).toBe(true);
  });

  it('evicts pages by surrogate key when the rebuilder purges with the secret', async () => {
    await page(`${edge.url}/pages/purged/`);
    await page(`${edge.url}/pages/other/`);
    origin.bump('purged');
    const purged = await purge(edge.port, 'page-purged', { secret: SECRET });
    expect(purged.status).toBe(200);
    expect(JSON.parse(purged.body)).toEqual({ purged: 1 });
    const after = await page(`${edge.url}/pages/purged/`);
    expect(after.body).toContain('purged v2');
    expect(after.response.headers.get('x-cache')).toBe('miss');
    // Only the tagged page went.
    expect((await page(`${edge.url}/pages/other/`)).response.headers.get('x-cache')).toBe('hit');
  });

  it('refuses a purge without the secret, with a wrong one, or from an address outside the ACL', async () => {
    await page(`${edge.url}/pages/kept/`);
    origin.bump('kept');
    expect((await purge(edge.port, 'page-kept')).status).toBe(403);
    expect((await purge(edge.port, 'page-kept', { secret: 'not-the-secret-at-all-000000000' })).status).toBe(403);
    expect((await purge(edge.port, 'page-kept', { secret: SECRET, from: '127.0.0.2' })).status).toBe(403);
    const still = await page(`${edge.url}/pages/kept/`);
    expect(still.body).toContain('kept v1');
    expect(still.response.headers.get('x-cache')).toBe('hit');
  });

  it('does not route the origin’s metrics or internal routes', async () => {
    expect((await fetch(`${edge.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${edge.url}/internal/x`)).status).toBe(404);
    expect(origin.requests.some((r) => r.path === '/metrics')).toBe(false);
  });
});

describe('the edge when the storefront origin is down', () => {
  // Short shared lifetime, so the page is past its TTL (in grace) when the origin dies.
  const origin = startOrigin(1);
  let edge: Awaited<ReturnType<typeof startTestEdge>>;

  beforeAll(async () => {
    edge = await startTestEdge(origin.port);
  });
  afterAll(async () => {
    await edge.stop();
  });

  it('keeps serving the last good copy of a page, also after it was purged', async () => {
    const fresh = await page(`${edge.url}/pages/stale/`);
    expect(fresh.body).toContain('stale v1');
    await page(`${edge.url}/pages/soft/`);
    origin.stop();
    // Past the TTL, and long enough for the health probe to call the origin sick.
    await sleep(3_500);
    expect((await purge(edge.port, 'page-soft', { secret: SECRET })).status).toBe(200);
    for (const name of ['stale', 'soft']) {
      const stale = await page(`${edge.url}/pages/${name}/`);
      expect(stale.response.status).toBe(200);
      expect(stale.body).toContain(`${name} v1`);
    }
    // A page the edge never had cannot be made up.
    expect((await fetch(`${edge.url}/pages/never-seen/`)).status).toBe(503);
  });
});

describe('the K3s backends.vcl', () => {
  it('compiles with the shared VCL (service names swapped for an address that resolves here)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fruitables-k3s-vcl-'));
    try {
      chmodSync(dir, 0o755);
      // Varnish resolves backend hosts while compiling; cluster DNS names do not resolve here.
      const backends = readFileSync(join(edgeVclDir, 'backends.k3s.vcl'), 'utf8').replaceAll(
        /"[a-z-]+\.fruitables\.svc\.cluster\.local"/g,
        '"127.0.0.1"',
      );
      writeFileSync(join(dir, 'backends.vcl'), backends, { mode: 0o644 });
      const compiled = await run([
        'varnishd',
        '-C',
        '-n',
        join(dir, 'work'),
        '-f',
        join(edgeVclDir, 'fruitables.vcl'),
        '-p',
        `vcl_path=${dir}:${edgeVclDir}`,
      ]);
      expect(compiled.stderr.match(/Message from VCC-compiler:[\s\S]*/)?.[0] ?? '').toBe('');
      expect(compiled.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
