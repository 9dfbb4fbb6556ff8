import { systemClock } from '@fruitables/core';
import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../auth/authenticate.ts';
import { requireFarmAccess, requireRole } from '../auth/guards.ts';
import { bearerSecurity } from '../auth/route-security.ts';
import { connectRedis, type TestRedis } from '../auth/test-fixtures.ts';
import { problemResponses } from '../problem.ts';
import {
  createRequestClient,
  createTestServiceApp,
  createTestSigner,
  describeSecuritySuite,
  documentedOperations,
  httpTarget,
  type OpenApiDocument,
  type RequestClient,
  readResponse,
  responseSchema,
  type SecurityTarget,
  type StandInServer,
  standInRoutes,
  startStandInServer,
  type TestSigner,
} from './index.ts';

const FARM_ID = '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b';

const getFarmStockRoute = createRoute({
  method: 'get',
  path: '/v1/farms/{farmId}/stock',
  ...bearerSecurity(['farmer', 'admin']),
  request: {
    params: z.object({ farmId: z.uuid().openapi({ param: { name: 'farmId', in: 'path' }, example: FARM_ID }) }),
  },
  responses: {
    200: { description: 'Stock', content: { 'application/json': { schema: z.object({ boxes: z.number().int() }) } } },
    ...problemResponses(401, 404),
  },
});

const createReportRoute = createRoute({
  method: 'post',
  path: '/v1/admin/reports',
  ...bearerSecurity(['admin']),
  request: {
    body: { required: true, content: { 'application/json': { schema: z.object({ title: z.string().min(3) }) } } },
  },
  responses: {
    201: { description: 'Created', content: { 'application/json': { schema: z.object({ id: z.string() }) } } },
    ...problemResponses(400, 401, 403),
  },
});

const publicRoute = createRoute({
  method: 'get',
  path: '/v1/fruits',
  responses: { 200: { description: 'Fruits', content: { 'application/json': { schema: z.array(z.string()) } } } },
});

let redis: TestRedis;
let signer: TestSigner;
let client: RequestClient;

beforeAll(async () => {
  redis = await connectRedis();
  signer = await createTestSigner();
  const app = createTestServiceApp();
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  const signedIn = authenticate({ keys: signer.keys, redis });
  app.openapi({ ...getFarmStockRoute, middleware: [signedIn, requireFarmAccess((c) => c.req.param('farmId'))] }, (c) =>
    c.json({ boxes: 12 }, 200),
  );
  app.openapi({ ...createReportRoute, middleware: [signedIn, requireRole('admin')] }, (c) =>
    c.json({ id: c.req.valid('json').title }, 201),
  );
  app.openapi(publicRoute, (c) => c.json(['사과'], 200));
  client = createRequestClient(app);
});
afterAll(async () => {
  await redis.close();
});

// The shared suite against a small app whose guards match its documented roles: it must pass.
describeSecuritySuite('a kit test app', (): SecurityTarget => ({ client, signer, clock: systemClock }), {
  minimumProtectedRoutes: 2,
  pathValues: () => ({ farmId: FARM_ID }),
});

describe('the OpenAPI operations the suites generate from', () => {
  it('fills path parameters from examples, marks bearer routes and reads their roles', async () => {
    const operations = documentedOperations((await client.get('/openapi.json')).json as OpenApiDocument);
    const summary = operations
      .filter((o) => o.template.startsWith('/v1/'))
      .map((o) => ({ route: `${o.method} ${o.path}`, bearer: o.bearer, roles: o.roles, body: o.body }));
    expect(summary).toEqual([
      { route: `GET /v1/farms/${FARM_ID}/stock`, bearer: true, roles: ['farmer', 'admin'], body: undefined },
      { route: 'POST /v1/admin/reports', bearer: true, roles: ['admin'], body: { title: 'xxx' } },
      { route: 'GET /v1/fruits', bearer: false, roles: undefined, body: undefined },
    ]);
  });
});

describe('the request client', () => {
  it('sends JSON with a token and reads the body typed by the route contract', async () => {
    const created = await client.post('/v1/admin/reports', {
      json: { title: '수확 보고' },
      token: await signer.admin(),
    });
    expect(created.status).toBe(201);
    expect(created.parse(responseSchema(createReportRoute, 201)).id).toBe('수확 보고');
  });

  it('gives a validated problem for refusals, and refuses to call a success a problem', async () => {
    const refused = await client.post('/v1/admin/reports', { json: { title: 'x' }, token: await signer.admin() });
    expect(refused.problem).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(refused.problem.errors?.map((error) => error.field)).toEqual(['title']);
    const fruits = await client.get('/v1/fruits');
    expect(() => fruits.problem).toThrow(/expected a problem\+json response, got 200/);
    expect(() => fruits.parse(z.object({ id: z.string() }))).toThrow(/does not match the schema/);
  });

  it('keeps a body that is not JSON as text', async () => {
    const response = await readResponse(new Response('not json', { status: 502 }));
    expect({ status: response.status, text: response.text, json: response.json }).toEqual({
      status: 502,
      text: 'not json',
      json: undefined,
    });
  });
});

describe('a stand-in server', () => {
  let standIn: StandInServer;
  beforeAll(() => {
    standIn = startStandInServer(
      standInRoutes([
        {
          method: 'GET',
          path: /^\/v1\/farms\/([^/]+)$/,
          answer: (match) => Response.json({ id: match[1], name: '햇살농원' }),
        },
      ]),
    );
  });
  afterAll(async () => {
    await standIn.stop();
  });

  it('answers over real HTTP, records what it was asked, and 404s as a problem otherwise', async () => {
    const viaFetch = await fetch(`${standIn.url}/v1/farms/f1`);
    expect(await viaFetch.json()).toEqual({ id: 'f1', name: '햇살농원' });
    const missing = await createRequestClient(httpTarget(standIn.url)).get('/v1/nothing?x=1');
    expect(missing.problem).toMatchObject({ status: 404, code: 'not_found' });
    expect(standIn.requests).toEqual(['GET /v1/farms/f1', 'GET /v1/nothing?x=1']);
  });
});
