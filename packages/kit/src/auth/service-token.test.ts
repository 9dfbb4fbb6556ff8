import type { Clock } from '@fruitables/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceTokenProvider } from './service-token.ts';

interface TokenRequest {
  authorization: string | null;
  contentType: string | null;
  body: string;
}

/** identity's token endpoint, for real: a local HTTP server that records what it was sent. */
function serveTokenEndpoint(options: { expiresIn?: number; delayMs?: number; status?: number } = {}) {
  const requests: TokenRequest[] = [];
  let issued = 0;
  const server = Bun.serve({
    port: 0,
    async fetch(request) {
      requests.push({
        authorization: request.headers.get('authorization'),
        contentType: request.headers.get('content-type'),
        body: await request.text(),
      });
      if (options.delayMs) await Bun.sleep(options.delayMs);
      if (options.status && options.status !== 200)
        return Response.json({ error: 'invalid_client' }, { status: options.status });
      issued += 1;
      return Response.json({
        access_token: `token-${issued}`,
        token_type: 'Bearer',
        expires_in: options.expiresIn ?? 900,
      });
    },
  });
  return { url: `http://127.0.0.1:${server.port}/oauth/token`, requests, stop: () => server.stop(true) };
}

function manualClock(start = Date.parse('2026-11-21T03:00:00Z')) {
  let now = start;
  const clock: Clock = { now: () => new Date(now) };
  return { clock, advance: (ms: number) => (now += ms) };
}

const forCatalog = { audience: 'catalog', scopes: ['catalog:holds'] };

const servers: ReturnType<typeof serveTokenEndpoint>[] = [];
function startEndpoint(options?: Parameters<typeof serveTokenEndpoint>[0]) {
  const server = serveTokenEndpoint(options);
  servers.push(server);
  return server;
}
afterEach(() => {
  for (const server of servers.splice(0)) server.stop();
});

describe('service token provider', () => {
  it('asks for a client-credentials token with form encoding and HTTP Basic client auth', async () => {
    const endpoint = startEndpoint();
    const provider = createServiceTokenProvider({
      tokenUrl: endpoint.url,
      clientId: 'orders',
      clientSecret: 's3cret with space:colon',
      audience: 'catalog',
      scopes: ['catalog:holds', 'catalog:reads'],
    });
    expect(await provider.getToken()).toBe('token-1');
    const [request] = endpoint.requests;
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(request?.body).get('grant_type')).toBe('client_credentials');
    // RFC 8693-style audience and RFC 6749 §3.3 scope: one callee, space-separated scopes.
    expect(new URLSearchParams(request?.body).get('audience')).toBe('catalog');
    expect(new URLSearchParams(request?.body).get('scope')).toBe('catalog:holds catalog:reads');
    const basic = request?.authorization?.replace(/^Basic /, '') ?? '';
    // RFC 6749 §2.3.1: both parts form-urlencoded, so a colon in the secret cannot split it.
    expect(atob(basic)).toBe('orders:s3cret+with+space%3Acolon');
  });

  it('serves the cached token until shortly before it expires', async () => {
    const endpoint = startEndpoint({ expiresIn: 900 });
    const { clock, advance } = manualClock();
    const provider = createServiceTokenProvider({
      tokenUrl: endpoint.url,
      ...forCatalog,
      clientId: 'a',
      clientSecret: 'b',
      clock,
    });
    expect(await provider.getToken()).toBe('token-1');
    advance(839_000);
    expect(await provider.getToken()).toBe('token-1');
    expect(endpoint.requests).toHaveLength(1);

    advance(1_000);
    expect(await provider.getToken()).toBe('token-2');
    expect(endpoint.requests).toHaveLength(2);
  });

  it('shares one in-flight request between concurrent callers', async () => {
    const endpoint = startEndpoint({ delayMs: 50 });
    const provider = createServiceTokenProvider({
      tokenUrl: endpoint.url,
      ...forCatalog,
      clientId: 'a',
      clientSecret: 'b',
    });
    const tokens = await Promise.all(Array.from({ length: 25 }, () => provider.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(endpoint.requests).toHaveLength(1);
  });

  it('fetches a new token after being invalidated', async () => {
    const endpoint = startEndpoint();
    const provider = createServiceTokenProvider({
      tokenUrl: endpoint.url,
      ...forCatalog,
      clientId: 'a',
      clientSecret: 'b',
    });
    await provider.getToken();
    provider.invalidate();
    expect(await provider.getToken()).toBe('token-2');
  });

  it('fails with a 503 problem when identity refuses, without caching the failure', async () => {
    const refusing = startEndpoint({ status: 401 });
    const provider = createServiceTokenProvider({
      tokenUrl: refusing.url,
      ...forCatalog,
      clientId: 'a',
      clientSecret: 'wrong',
    });
    await expect(provider.getToken()).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'service_credentials_unavailable',
    });
    await expect(provider.getToken()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(refusing.requests).toHaveLength(2);
  });

  it('fails with a 503 problem when identity is unreachable', async () => {
    const gone = startEndpoint();
    gone.stop();
    const provider = createServiceTokenProvider({
      tokenUrl: gone.url,
      ...forCatalog,
      clientId: 'a',
      clientSecret: 'b',
    });
    await expect(provider.getToken()).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'service_credentials_unavailable',
    });
  });
});
