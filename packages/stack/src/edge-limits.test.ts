import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RawAnswer, rawGet, startTestEdge } from './edge.fixture.ts';
import { EDGE_PARAMETERS, edgeVclDir } from './edge.ts';

const BODY = 'x'.repeat(5_000);

/** A service that streams its answer (chunked, no length), as Hono does for many responses. */
function startStreamingService() {
  const seen: { path: string; range: string | null }[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(request) {
      seen.push({ path: new URL(request.url).pathname, range: request.headers.get('range') });
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(BODY));
          controller.close();
        },
      });
      // Cacheable, so a refusal the edge kept under this URL would show on the next request.
      return new Response(stream, { headers: { 'content-type': 'text/plain', 'cache-control': 'public, max-age=60' } });
    },
  });
  return { port: server.port ?? 0, seen, stop: () => server.stop(true) };
}

let requestCount = 0;
const fresh = () => ++requestCount;

const expectProblem = (answer: RawAnswer, status: number, code: string) => {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe('application/problem+json');
  expect(JSON.parse(answer.body)).toMatchObject({ status, code });
};

describe('the edge and requests that are too large or odd', () => {
  const service = startStreamingService();
  let edge: Awaited<ReturnType<typeof startTestEdge>>;

  beforeAll(async () => {
    edge = await startTestEdge({ files: service.port, storefront: service.port });
  });
  afterAll(async () => {
    await edge.stop();
    await service.stop();
  });

  it.each([
    ['passed (signed in)', ['Authorization: Bearer token']],
    ['looked up', []],
  ])('ignores a Range header it cannot use on a %s request instead of failing it', async (_, extra) => {
    for (const range of ['bytes=x', 'bytes=0-1,3-4', 'bytes=0-1, 3-4', 'items=0-1', 'bytes=--1', 'bytes=5-1']) {
      const answer = await rawGet(edge.port, '/api/files/v1/report', [...extra, `Range: ${range}`]);
      expect({ range, status: answer.status }).toEqual({ range, status: 200 });
      expect(answer.body).toContain(BODY);
    }
  });

  it.each(['bytes=0-1', 'bytes=4999-', 'bytes=99999-', 'bytes=-5'])(
    'answers a single range %j as the service does or 416, never with an error page',
    async (range) => {
      const answer = await rawGet(edge.port, '/api/files/v1/report', [
        'Authorization: Bearer token',
        `Range: ${range}`,
      ]);
      expect([200, 206, 416]).toContain(answer.status);
    },
  );

  it('answers a URL over 8 KiB with a 414 problem, in the API and in the shop', async () => {
    expectProblem(await rawGet(edge.port, `/api/files/v1/${'a'.repeat(9_000)}`), 414, 'uri_too_long');
    expectProblem(await rawGet(edge.port, `/search/?q=${'a'.repeat(30_000)}`), 414, 'uri_too_long');
    expect((await rawGet(edge.port, `/api/files/v1/${'a'.repeat(8_000)}`)).status).toBe(200);
  });

  it.each([
    ['a cookie', 'Cookie: session=', 9_000],
    ['a token', 'Authorization: Bearer ', 9_000],
    ['a cookie over Varnish’s default line limit', 'Cookie: session=', 20_000],
    ['an unknown header the service refuses', 'X-Padding: ', 20_000],
    ['an unknown header near the head limit', 'X-Padding: ', 60_000],
  ])('answers %s too large with a 431 problem', async (_, header, size) => {
    // Fresh URLs: a page the edge already has is answered from the cache, whatever the headers.
    for (const target of [`/api/files/v1/report-${fresh()}`, `/pages/x-${fresh()}/`]) {
      expectProblem(await rawGet(edge.port, target, [`${header}${'a'.repeat(size)}`]), 431, 'headers_too_large');
    }
  });

  it('never keeps a 431 in the cache for the next, ordinary request', async () => {
    for (const target of ['/pages/cached-refusal/', '/api/files/v1/cached-refusal']) {
      expect((await rawGet(edge.port, target, [`X-Padding: ${'a'.repeat(20_000)}`])).status).toBe(431);
      expect((await rawGet(edge.port, target)).status).toBe(200);
      expect((await rawGet(edge.port, target)).status).toBe(200);
    }
  });

  it('answers many headers that together are too large with a 431 problem', async () => {
    const headers = Array.from({ length: 90 }, (_, index) => `X-Padding-${index}: ${'a'.repeat(300)}`);
    expectProblem(await rawGet(edge.port, `/api/files/v1/report-${fresh()}`, headers), 431, 'headers_too_large');
  });

  it('lets ordinary large-ish headers through', async () => {
    const answer = await rawGet(edge.port, '/api/files/v1/report', [`Cookie: session=${'a'.repeat(4_000)}`]);
    expect(answer.status).toBe(200);
  });
});

describe('the edge parameters', () => {
  it('are the same in K3s as in the local stack', () => {
    const deployment = readFileSync(join(edgeVclDir, 'deployment.yaml'), 'utf8');
    for (const [name, value] of EDGE_PARAMETERS) expect(deployment).toContain(`- ${name}=${value}\n`);
  });
});
