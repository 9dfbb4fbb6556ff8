import { Conflict } from '@fruitables/core';
import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { createLifecycle } from './lifecycle.ts';
import { createMetricsRegistry } from './metrics.ts';
import { metricsHandler } from './metrics-endpoint.ts';
import { problemResponses } from './problem.ts';
import { captureLogger, createTestServiceApp } from './testing/index.ts';

const orderSchema = z.object({
  email: z.email(),
  quantity: z.number().int().min(1),
  password: z.string().optional(),
});

function appWithRoutes(options: Parameters<typeof createTestServiceApp>[0] = {}) {
  const app = createTestServiceApp(options);
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders/{orderId}',
      request: {
        params: z.object({ orderId: z.uuid() }),
        body: { content: { 'application/json': { schema: orderSchema } } },
      },
      responses: {
        200: { description: 'ok', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } },
        ...problemResponses(400, 409),
      },
    }),
    (c) => {
      const body = c.req.valid('json');
      if (body.quantity === 13) throw new Conflict('That order already exists.', 'order_exists');
      if (body.quantity === 99) throw new Error('database exploded at /srv/secret/path.ts:12');
      return c.json({ ok: true }, 200);
    },
  );
  return app;
}

const validId = '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b';
const post = (app: ReturnType<typeof appWithRoutes>, body: string, id = validId) =>
  app.request(`/v1/orders/${id}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('kit errors are problem+json', () => {
  it('answers a valid request normally with a request id header', async () => {
    const res = await post(appWithRoutes(), JSON.stringify({ email: 'a@b.kr', quantity: 1 }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('names every invalid field with a 400 problem', async () => {
    const res = await post(appWithRoutes(), JSON.stringify({ email: 'not-an-email', quantity: 0 }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = await res.json();
    expect(problem).toMatchObject({ status: 400, code: 'validation_failed', title: 'Bad Request' });
    expect(problem.requestId).toBe(res.headers.get('x-request-id'));
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'quantity']);
  });

  it('names each unknown field itself, so a client learns exactly what to remove', async () => {
    const app = createTestServiceApp();
    app.openapi(
      createRoute({
        method: 'post',
        path: '/v1/strict',
        request: { body: { content: { 'application/json': { schema: z.strictObject({ name: z.string() }) } } } },
        responses: { 200: { description: 'ok' } },
      }),
      (c) => c.body(null, 200),
    );
    const res = await app.request('/v1/strict', {
      method: 'POST',
      body: JSON.stringify({ name: 'x', role: 'admin', verified: true }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['role', 'verified']);
  });

  it('names a bad path parameter', async () => {
    const res = await post(appWithRoutes(), JSON.stringify({ email: 'a@b.kr', quantity: 1 }), 'nope');
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].field).toBe('param.orderId');
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await post(appWithRoutes(), '{"email": ');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json()).code).toBe('malformed_request');
  });

  it('maps domain errors to their status and stable code', async () => {
    const res = await post(appWithRoutes(), JSON.stringify({ email: 'a@b.kr', quantity: 13 }));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ code: 'order_exists', detail: 'That order already exists.' });
  });

  it('hides unexpected errors behind a 500 that reveals nothing, and logs the stack', async () => {
    const captured = captureLogger();
    const res = await post(
      appWithRoutes({ logger: captured.logger }),
      JSON.stringify({ email: 'a@b.kr', quantity: 99 }),
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('/srv/secret');
    expect(text).not.toContain('exploded');
    expect(JSON.parse(text).code).toBe('internal_error');
    const logged = captured.lines().find((line) => line.msg === 'unhandled error');
    expect(JSON.stringify(logged)).toContain('database exploded');
    expect(JSON.stringify(logged)).toContain('app.test.ts');
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const res = await appWithRoutes().request('/v1/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json()).code).toBe('not_found');
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await post(
      appWithRoutes({ bodyLimitBytes: 64 }),
      JSON.stringify({ email: `${'a'.repeat(100)}@b.kr`, quantity: 1 }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('body_too_large');
  });

  it('gives upload routes their own larger limit and keeps the small one elsewhere', async () => {
    const app = appWithRoutes({ bodyLimitBytes: 64, uploadLimits: [{ path: /^\/v1\/uploads$/, bytes: 4096 }] });
    app.post('/v1/uploads', async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));
    const upload = (bytes: number) => app.request('/v1/uploads', { method: 'POST', body: 'x'.repeat(bytes) });
    expect(await (await upload(2000)).json()).toEqual({ bytes: 2000 });
    const tooBig = await upload(5000);
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).detail).toContain('4096');
    const elsewhere = await post(app, JSON.stringify({ email: `${'a'.repeat(100)}@b.kr`, quantity: 1 }));
    expect(elsewhere.status).toBe(413);
  });

  it('answers a request that outlives the timeout with 503', async () => {
    const app = createTestServiceApp({ requestTimeoutMs: 50 });
    app.get('/slow', async (c) => {
      await Bun.sleep(300);
      return c.text('late');
    });
    const res = await app.request('/slow');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('kit logging', () => {
  it('logs one JSON line per finished request with the request id, and redacts secrets', async () => {
    const captured = captureLogger();
    const app = appWithRoutes({ logger: captured.logger });
    app.post('/v1/echo', async (c) => {
      c.get('logger').info({ body: await c.req.json() }, 'received');
      return c.json({ ok: true });
    });
    const res = await app.request('/v1/echo', {
      method: 'POST',
      body: JSON.stringify({ password: 'hunter2', phone: '010-1234-5678', note: 'kept' }),
    });
    const requestId = res.headers.get('x-request-id');
    const lines = captured.lines();
    const finished = lines.filter((line) => line.msg === 'request finished');
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({
      requestId,
      method: 'POST',
      path: '/v1/echo',
      status: 200,
      service: 'test',
      level: 'info',
    });
    const received = JSON.stringify(lines.find((line) => line.msg === 'received'));
    expect(received).toContain('kept');
    expect(received).not.toContain('hunter2');
    expect(received).not.toContain('010-1234-5678');
  });
});

describe('kit request logging and its cost cuts', () => {
  it('gives handlers a request logger that carries the request id', async () => {
    const captured = captureLogger();
    const app = createTestServiceApp({ logger: captured.logger });
    app.get('/v1/log', (c) => {
      const logger = c.get('logger');
      logger.info({ step: 1 }, 'working');
      // A method read off the logger still logs through the request's child.
      const { warn } = logger;
      warn.call(logger, { step: 2 }, 'still working');
      return c.json({ ok: true });
    });
    const res = await app.request('/v1/log', { headers: { 'x-request-id': 'edge-request-0001' } });
    const lines = captured.lines();
    expect(res.headers.get('x-request-id')).toBe('edge-request-0001');
    expect(lines.find((line) => line.msg === 'working')).toMatchObject({ requestId: 'edge-request-0001', step: 1 });
    expect(lines.find((line) => line.msg === 'still working')).toMatchObject({ requestId: 'edge-request-0001' });
  });

  it('answers a timed-out request with 503 that still has secure headers, a log line and a metric', async () => {
    const captured = captureLogger();
    const registry = createMetricsRegistry('test');
    const app = createTestServiceApp({ requestTimeoutMs: 50, logger: captured.logger, registry });
    app.get('/v1/slow', async (c) => {
      await Bun.sleep(300);
      return c.text('late');
    });
    const res = await app.request('/v1/slow');
    expect(res.status).toBe(503);
    expect((await res.json()).code).toBe('http_503');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const requestId = res.headers.get('x-request-id');
    expect(captured.lines().filter((line) => line.msg === 'request finished')).toEqual([
      expect.objectContaining({ requestId, path: '/v1/slow', status: 503 }),
    ]);
    const metrics = await metricsHandler(registry)(new Request('http://metrics/metrics'));
    expect(await metrics.text()).toMatch(/http_requests_total\{[^}]*route="\/v1\/slow"[^}]*status="503"[^}]*\} 1/);
  });

  it('logs nothing of tokens, OAuth codes and states, or account holders a request carries', async () => {
    const captured = captureLogger();
    const app = createTestServiceApp({ logger: captured.logger });
    app.post('/v1/callback', async (c) => {
      c.get('logger').info({ body: await c.req.json(), query: c.req.query(), url: c.req.url }, 'received');
      return c.json({ ok: true });
    });
    const secrets = [
      'SECRET-access-token',
      'SECRET-refresh-token',
      'SECRET-oauth-code',
      'SECRET-oauth-state',
      'SECRET-holder',
      'SECRET-bank-holder',
    ];
    const res = await app.request(
      `/v1/callback?code=${secrets[2]}&state=${secrets[3]}&access_token=${secrets[0]}&refresh_token=${secrets[1]}`,
      {
        method: 'POST',
        body: JSON.stringify({
          accessToken: secrets[0],
          refresh_token: secrets[1],
          code: secrets[2],
          state: secrets[3],
          accountHolder: secrets[4],
          bankAccountHolder: secrets[5],
          note: 'kept',
        }),
      },
    );
    expect(res.status).toBe(200);
    const output = JSON.stringify(captured.lines());
    expect(output).toContain('kept');
    for (const secret of secrets) expect(output).not.toContain(secret);
  });
});

describe('kit operations endpoints', () => {
  it('reports liveness', async () => {
    const res = await createTestServiceApp().request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('is ready only when every check passes, and names the failing one', async () => {
    const ready = createTestServiceApp({ readiness: [{ name: 'postgres', check: async () => {} }] });
    expect((await ready.request('/readyz')).status).toBe(200);
    const notReady = createTestServiceApp({
      readiness: [
        { name: 'postgres', check: async () => {} },
        { name: 'redis', check: async () => Promise.reject(new Error('ECONNREFUSED')) },
      ],
    });
    const res = await notReady.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', checks: { postgres: 'ok', redis: 'failing' } });
  });

  it('turns not-ready while draining for shutdown', async () => {
    const lifecycle = createLifecycle();
    const app = createTestServiceApp({ lifecycle });
    lifecycle.beginDrain();
    expect((await app.request('/readyz')).status).toBe(503);
  });

  it('exposes request metrics by route pattern', async () => {
    const registry = createMetricsRegistry('test');
    const app = appWithRoutes({ registry });
    await post(app, JSON.stringify({ email: 'a@b.kr', quantity: 1 }));
    await app.request('/v1/nowhere/12345');
    const text = await (await metricsHandler(registry)(new Request('http://metrics/metrics'))).text();
    expect(text).toMatch(/http_requests_total\{[^}]*route="\/v1\/orders\/:orderId"[^}]*status="200"[^}]*\} 1/);
    expect(text).toMatch(/http_requests_total\{[^}]*route="unmatched"[^}]*status="404"/);
    expect(text).not.toMatch(/route="[^"]*12345/);
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/v1\/orders\/:orderId"[^}]*\} 1/);
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{[^}]*route="\/v1\/orders\/:orderId",le="\+Inf"[^}]*\} 1/,
    );
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('keeps /metrics off the public app (it has a port of its own)', async () => {
    const app = appWithRoutes();
    expect((await app.request('/metrics')).status).toBe(404);
  });

  it('publishes an OpenAPI 3.1 document served through the edge prefix, and a docs page', async () => {
    const app = appWithRoutes();
    const doc = await (await app.request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/test', description: 'Through the edge' }]);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/orders/{orderId}', '/healthz', '/readyz']));
    expect(doc.components.schemas.Problem).toBeDefined();
    const docs = await app.request('/docs');
    expect(docs.status).toBe(200);
    // The page mounts the reference from its own init.js (no inline script), which names the document.
    expect(await docs.text()).toContain('./docs/init.js');
    expect(await (await app.request('/docs/init.js')).text()).toContain('openapi.json');
  });

  it('sends secure headers', async () => {
    const res = await createTestServiceApp().request('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
