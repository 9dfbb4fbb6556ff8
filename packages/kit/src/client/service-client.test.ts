import { type Clock, Conflict, DomainError, ValidationFailed } from '@fruitables/core';
import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticate } from '../auth/authenticate.ts';
import { principalOf } from '../auth/guards.ts';
import { guardInternalRoutes, serviceTokenSecurity } from '../auth/internal-routes.ts';
import { createServiceTokenProvider, type ServiceTokenProvider } from '../auth/service-token.ts';
import { connectRedis, type TestRedis } from '../auth/test-fixtures.ts';
import { createTestSigner, type TestSigner } from '../auth/testing.ts';
import { problemResponses } from '../problem.ts';
import { createTestServiceApp } from '../testing/index.ts';
import { CalleeProblem, CalleeResponseInvalid, CalleeUnavailable, isCalleeProblem } from './errors.ts';
import { defineOperation } from './operation.ts';
import { createServiceClient, type ServiceClientOptions } from './service-client.ts';

// The callee's contract, as a service would publish it.
const echo = defineOperation({
  method: 'GET',
  path: '/internal/v1/echo/{id}',
  params: z.object({ id: z.string() }),
  response: z.object({ id: z.string(), requestId: z.string(), subject: z.string() }),
  idempotent: true,
  scope: 'test:calls',
});
const flakyWrite = defineOperation({
  method: 'POST',
  path: '/internal/v1/flaky',
  body: z.object({ n: z.number() }),
  response: z.object({ hits: z.number() }),
  idempotent: false,
});
const flakyRead = defineOperation({
  method: 'GET',
  path: '/internal/v1/flaky',
  response: z.object({ hits: z.number() }),
  idempotent: true,
});
const slow = defineOperation({ method: 'GET', path: '/internal/v1/slow', response: z.object({}), idempotent: true });
const reserve = defineOperation({
  method: 'POST',
  path: '/internal/v1/reserve',
  body: z.object({ quantity: z.number() }),
  response: z.object({ ok: z.boolean() }),
  idempotent: false,
  idempotencyKey: 'required',
  problemCodes: ['sold_out', 'validation_failed'],
});
const wrongShape = defineOperation({
  method: 'GET',
  path: '/internal/v1/wrong-shape',
  response: z.object({ id: z.string() }),
  idempotent: true,
});

/** What the callee does next; reset before each test. */
const callee = { failuresLeft: 0, hits: 0, slowMs: 0, expireTokens: false };

let redis: TestRedis;
let signer: TestSigner;
let calleeServer: ReturnType<typeof Bun.serve>;
let identityServer: ReturnType<typeof Bun.serve>;
const tokenRequests: URLSearchParams[] = [];

const ok = (schema: z.ZodType) => ({
  200: { description: 'ok', content: { 'application/json': { schema } } },
  ...problemResponses(401, 403, 409, 503),
});

beforeAll(async () => {
  redis = await connectRedis();
  signer = await createTestSigner();
  const app = createTestServiceApp({ requestTimeoutMs: 5_000 });
  guardInternalRoutes(app, {
    authenticate: authenticate({ keys: signer.keys, redis, audience: 'test' }),
    audience: 'test',
    scopes: { 'test:calls': 'everything in this test' },
  });
  const security = serviceTokenSecurity('test:calls');
  app.openapi(
    createRoute({ method: 'get', path: '/internal/v1/echo/{id}', security, responses: ok(z.object({})) }),
    (c) => c.json({ id: c.req.param('id'), requestId: c.get('requestId'), subject: principalOf(c).subject }, 200),
  );
  /** Counts the hit; fails with a 503 problem while failures are left. */
  const hit = (): number => {
    callee.hits += 1;
    if (callee.failuresLeft > 0) {
      callee.failuresLeft -= 1;
      throw new DomainError('unavailable', 'overloaded', 'busy');
    }
    return callee.hits;
  };
  const flakyResponses = ok(z.object({ hits: z.number() }));
  app.openapi(createRoute({ method: 'post', path: '/internal/v1/flaky', security, responses: flakyResponses }), (c) =>
    c.json({ hits: hit() }, 200),
  );
  app.openapi(createRoute({ method: 'get', path: '/internal/v1/flaky', security, responses: flakyResponses }), (c) =>
    c.json({ hits: hit() }, 200),
  );
  app.openapi(
    createRoute({ method: 'get', path: '/internal/v1/slow', security, responses: ok(z.object({})) }),
    async (c) => {
      await Bun.sleep(callee.slowMs);
      return c.json({}, 200);
    },
  );
  app.openapi(
    createRoute({ method: 'post', path: '/internal/v1/reserve', security, responses: ok(z.object({})) }),
    async (c) => {
      const { quantity } = (await c.req.json()) as { quantity: number };
      if (quantity > 10) throw new Conflict('Not enough boxes left.', 'sold_out');
      if (quantity < 0) throw new ValidationFailed('Fix the fields.', [{ field: 'quantity', message: 'too small' }]);
      return c.json({ ok: true }, 200);
    },
  );
  app.openapi(
    createRoute({ method: 'get', path: '/internal/v1/wrong-shape', security, responses: ok(z.object({})) }),
    (c) => c.json({ id: 42 }, 200),
  );
  calleeServer = Bun.serve({ port: 0, fetch: app.fetch });

  // identity's token endpoint, signing with the test key the callee trusts.
  identityServer = Bun.serve({
    port: 0,
    async fetch(request) {
      const form = new URLSearchParams(await request.text());
      tokenRequests.push(form);
      const token = await signer.service('orders', {
        aud: form.get('audience') ?? undefined,
        scope: form.get('scope') ?? undefined,
        // A token that is already expired, to see the client fetch a new one on the callee's 401.
        ...(callee.expireTokens ? { exp: Math.floor(Date.now() / 1000) - 60 } : {}),
      });
      return Response.json({ access_token: token, token_type: 'Bearer', expires_in: 900 });
    },
  });
});
afterAll(async () => {
  calleeServer.stop(true);
  identityServer.stop(true);
  await redis.close();
});
beforeEach(() => {
  Object.assign(callee, { failuresLeft: 0, hits: 0, slowMs: 0, expireTokens: false });
  tokenRequests.splice(0);
});

function tokensFor(clock?: Clock): ServiceTokenProvider {
  return createServiceTokenProvider({
    tokenUrl: `http://127.0.0.1:${identityServer.port}/v1/oauth/token`,
    clientId: 'orders',
    clientSecret: 'unused-by-this-endpoint',
    audience: 'test',
    scopes: ['test:calls'],
    ...(clock ? { clock } : {}),
  });
}

function clientFor(overrides: Partial<ServiceClientOptions> = {}) {
  return createServiceClient({
    callee: 'test',
    baseUrl: `http://127.0.0.1:${calleeServer.port}`,
    tokens: tokensFor(),
    timeoutMs: 1_000,
    retryInitialDelayMs: 5,
    ...overrides,
  });
}

describe('service client: credentials and request id', () => {
  it('carries a scoped token for the callee, fetched once for a burst of calls, and the request id', async () => {
    const client = clientFor();
    const requestId = crypto.randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.call(echo, { params: { id: `x${i}` } }, { requestId })),
    );
    expect(results[3]).toEqual({ id: 'x3', requestId, subject: 'service:orders' });
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]?.get('audience')).toBe('test');
    expect(tokenRequests[0]?.get('scope')).toBe('test:calls');
  });

  it('fetches a new token shortly before the cached one expires', async () => {
    let now = Date.now();
    const client = clientFor({ tokens: tokensFor({ now: () => new Date(now) }) });
    await client.call(echo, { params: { id: 'a' } });
    now += 800_000;
    await client.call(echo, { params: { id: 'b' } });
    expect(tokenRequests).toHaveLength(1);
    now += 60_000; // within the 60 s skew of the 900 s token
    await client.call(echo, { params: { id: 'c' } });
    expect(tokenRequests).toHaveLength(2);
  });

  it('gets a fresh token once when the callee refuses the cached one', async () => {
    callee.expireTokens = true;
    const client = clientFor();
    await expect(client.call(echo, { params: { id: 'a' } })).rejects.toMatchObject({
      problem: { status: 401, code: 'token_expired' },
    });
    expect(tokenRequests).toHaveLength(2);
    callee.expireTokens = false;
    await expect(client.call(echo, { params: { id: 'b' } })).resolves.toMatchObject({ id: 'b' });
  });
});

describe('service client: timeouts and retries', () => {
  it('gives up on a slow callee after the timeout, as a 504-mapped error', async () => {
    callee.slowMs = 400;
    const client = clientFor({ timeoutMs: 100, maxAttempts: 1 });
    const started = performance.now();
    const error = await client.call(slow, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CalleeUnavailable);
    expect(error).toMatchObject({ reason: 'timeout', kind: 'upstream_timed_out', code: 'upstream_timeout' });
    expect(performance.now() - started).toBeLessThan(350);
  });

  it('retries an idempotent read through transient failures', async () => {
    callee.failuresLeft = 2;
    await expect(clientFor().call(flakyRead, {})).resolves.toEqual({ hits: 3 });
  });

  it('never retries a non-idempotent call without an Idempotency-Key', async () => {
    callee.failuresLeft = 2;
    const error = await clientFor()
      .call(flakyWrite, { body: { n: 1 } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CalleeProblem);
    expect(error).toMatchObject({ kind: 'upstream_failed', problem: { status: 503, code: 'overloaded' } });
    expect(callee.hits).toBe(1);
  });

  it('retries a non-idempotent call that carries an Idempotency-Key', async () => {
    callee.failuresLeft = 1;
    const client = clientFor();
    const result = await client.call(flakyWrite, { body: { n: 1 }, idempotencyKey: 'checkout-1234' });
    expect(result).toEqual({ hits: 2 });
  });
});

describe('service client: circuit breaker', () => {
  it('opens after consecutive failures, fails fast, then half-opens and closes on success', async () => {
    const client = clientFor({ breakerThreshold: 3, halfOpenAfterMs: 200, maxAttempts: 1 });
    callee.failuresLeft = 100;
    for (let i = 0; i < 3; i++) await expect(client.call(flakyRead, {})).rejects.toBeInstanceOf(CalleeProblem);
    expect(client.circuitState()).toBe('open');
    const hitsWhenOpened = callee.hits;
    await expect(client.call(flakyRead, {})).rejects.toMatchObject({ reason: 'circuit_open', kind: 'unavailable' });
    expect(callee.hits).toBe(hitsWhenOpened);

    await Bun.sleep(250);
    callee.failuresLeft = 0;
    await expect(client.call(flakyRead, {})).resolves.toMatchObject({ hits: hitsWhenOpened + 1 });
    expect(client.circuitState()).toBe('closed');
  });

  it('does not count the callee refusing our request (a 4xx) as the callee failing', async () => {
    const client = clientFor({ breakerThreshold: 2 });
    for (let i = 0; i < 4; i++) {
      await expect(
        client.call(reserve, { body: { quantity: 99 }, idempotencyKey: `k-${i}-abcdef` }),
      ).rejects.toBeInstanceOf(CalleeProblem);
    }
    expect(client.circuitState()).toBe('closed');
  });
});

describe('service client: what the callee answers', () => {
  it('turns problem+json into a typed error callers branch on by code', async () => {
    const error = await clientFor()
      .call(reserve, { body: { quantity: 99 }, idempotencyKey: 'checkout-abcdef' })
      .catch((caught: unknown) => caught);
    expect(isCalleeProblem(error, reserve, 'sold_out')).toBe(true);
    expect(isCalleeProblem(error, reserve, 'validation_failed')).toBe(false);
    expect(error).toMatchObject({ callee: 'test', problem: { status: 409, code: 'sold_out', fields: [] } });
  });

  it('carries the fields of a validation problem', async () => {
    const error = await clientFor()
      .call(reserve, { body: { quantity: -1 }, idempotencyKey: 'checkout-abcdef' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      problem: { status: 400, code: 'validation_failed', fields: [{ field: 'quantity', message: 'too small' }] },
    });
  });

  it('refuses an answer that does not match the contract', async () => {
    const error = await clientFor()
      .call(wrongShape, {})
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CalleeResponseInvalid);
    expect(error).toMatchObject({ kind: 'upstream_failed', code: 'upstream_invalid_response', calleeStatus: 200 });
    expect((error as CalleeResponseInvalid).reason).toContain('id');
  });

  it('reports an unreachable callee as unavailable', async () => {
    const client = clientFor({ baseUrl: 'http://127.0.0.1:1', maxAttempts: 1 });
    await expect(client.call(echo, { params: { id: 'a' } })).rejects.toMatchObject({
      reason: 'network',
      kind: 'unavailable',
    });
  });
});
